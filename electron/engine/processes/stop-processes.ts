import { readProcStat } from './process-tree.js';

/** How long SIGKILLed processes may take to go before we stop waiting for them. */
const KILL_WAIT_MS = 2000;

/** Sends `signal`; false only when the kernel refused (EPERM: another user's process, say via sudo). */
export function signalPid(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
  } catch (error) {
    // ESRCH: already gone, which is no refusal.
    return (error as NodeJS.ErrnoException).code !== 'EPERM';
  }
  return true;
}

export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  return signalPid(-pgid, signal);
}

/** SIGTERM, and SIGCONT so that a paused (SIGSTOPped) process can act on it. */
export function askToStop(processes: readonly { pid: number }[]): void {
  for (const p of processes) {
    signalPid(p.pid, 'SIGTERM');
    signalPid(p.pid, 'SIGCONT');
  }
}

export async function isAlive(pid: number): Promise<boolean> {
  const stat = await readProcStat(pid);
  return stat !== undefined && stat.state !== 'Z';
}

/**
 * SIGKILLs, until none is left (bounded), whatever `find` returns plus those of `known` still alive;
 * `killAll` (a cgroup's cgroup.kill) runs first when given.
 */
export async function killSurvivors(
  find: () => Promise<readonly { pid: number }[]>,
  known: readonly number[],
  killAll?: () => Promise<void>,
): Promise<void> {
  await killAll?.();
  const deadline = Date.now() + KILL_WAIT_MS;
  for (;;) {
    const alive = new Set((await find()).map((p) => p.pid));
    for (const pid of known) if (await isAlive(pid)) alive.add(pid);
    if (alive.size === 0 || Date.now() > deadline) return;
    for (const pid of alive) signalPid(pid, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** SIGTERM to what `find` returns, SIGKILL to what is still there after `graceMs`. */
export async function stopProcesses(
  find: () => Promise<readonly { pid: number }[]>,
  graceMs: number,
  killAll?: () => Promise<void>,
): Promise<number> {
  const found = await find();
  if (found.length === 0) {
    await killAll?.();
    return 0;
  }
  askToStop(found);
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    const alive = await Promise.all(found.map((p) => isAlive(p.pid)));
    if (!alive.includes(true)) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await killSurvivors(
    find,
    found.map((p) => p.pid),
    killAll,
  );
  return found.length;
}
