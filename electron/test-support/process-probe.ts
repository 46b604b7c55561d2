import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

/**
 * Reads /proc directly (independently of the engine's own process-tree code), so tests can check what
 * the kernel says about agent processes: stopped, running, or gone.
 */
export interface ProcInfo {
  pid: number;
  ppid: number;
  pgid: number;
  /** R, S, D, T (stopped), Z (zombie), ... */
  state: string;
  startTime: string;
}

export function procInfo(pid: number): ProcInfo | undefined {
  let raw: string;
  try {
    raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name may hold spaces or parentheses; the fields start after the last ')'.
  const fields = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
  return {
    pid,
    state: fields[0] ?? '?',
    ppid: Number(fields[1]),
    pgid: Number(fields[2]),
    startTime: fields[19] ?? '',
  };
}

function allPids(): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number);
}

/** Whether `pid` is a live (non-zombie) process; with `startTime`, only if it is the same process. */
export function isAlive(pid: number, startTime?: string): boolean {
  const info = procInfo(pid);
  if (!info || info.state === 'Z') return false;
  return startTime === undefined || info.startTime === startTime;
}

/** Live processes below `pid` (children, their children, ...), found by parent pid. */
export function descendants(pid: number): ProcInfo[] {
  const all = allPids()
    .map(procInfo)
    .filter((p): p is ProcInfo => p !== undefined && p.state !== 'Z');
  const found = new Map<number, ProcInfo>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of all) {
      if (!found.has(p.pid) && (p.ppid === pid || found.has(p.ppid))) {
        found.set(p.pid, p);
        grew = true;
      }
    }
  }
  return [...found.values()];
}

/** SIGKILLs these processes if they are still the same ones (a recycled pid is left alone). */
export function killProcesses(processes: Iterable<ProcInfo>): void {
  for (const p of processes) {
    if (!isAlive(p.pid, p.startTime)) continue;
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
}

/** Live members of process group `pgid`. */
export function groupMembers(pgid: number): ProcInfo[] {
  return allPids()
    .map(procInfo)
    .filter((p): p is ProcInfo => p !== undefined && p.pgid === pgid && p.state !== 'Z');
}

/**
 * Live processes whose environment carries FLOTILLA_SESSION_ID of one of `sessionIds`: every agent
 * and anything it started, even in other groups or sessions (zombies have no environment left).
 */
export function sessionProcesses(sessionIds: Iterable<string>): ProcInfo[] {
  const wanted = new Set([...sessionIds].map((id) => `FLOTILLA_SESSION_ID=${id}`));
  if (wanted.size === 0) return [];
  const found: ProcInfo[] = [];
  for (const pid of allPids()) {
    if (pid === process.pid) continue;
    let environ: string;
    try {
      environ = readFileSync(`/proc/${pid}/environ`, 'utf8');
    } catch {
      continue;
    }
    if (!environ.split('\0').some((entry) => wanted.has(entry))) continue;
    const info = procInfo(pid);
    if (info && info.state !== 'Z') found.push(info);
  }
  return found;
}

/** Safety net for a failed test: SIGKILLs whatever of these sessions is still running. */
export function killSessionProcesses(sessionIds: Iterable<string>): void {
  for (const p of sessionProcesses(sessionIds)) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Files under `dir` that this process holds open (leaked descriptors show up here). */
export function openFilesUnder(dir: string): string[] {
  const files: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      if (target.startsWith(dir)) files.push(target);
    } catch {
      // closed while we looked
    }
  }
  return files;
}

/** Live processes whose command line holds `arg` as one of its arguments (a unique `sleep 7777.123`). */
export function processesWithArg(arg: string): ProcInfo[] {
  const found: ProcInfo[] = [];
  for (const pid of allPids()) {
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (!argv.includes(arg)) continue;
    const info = procInfo(pid);
    if (info && info.state !== 'Z') found.push(info);
  }
  return found;
}

/** The folder of the cgroup v2 a process is in (under the cgroup2 mount), if any. */
export function cgroupDirOf(pid: number): string | undefined {
  let own: string | undefined;
  try {
    own = readFileSync(`/proc/${pid}/cgroup`, 'utf8')
      .split('\n')
      .find((line) => line.startsWith('0::'))
      ?.slice(3);
  } catch {
    return undefined;
  }
  const mount = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .find((line) => line.split(' - ')[1]?.startsWith('cgroup2 '))
    ?.split(' ')[4];
  return own !== undefined && mount ? `${mount}${own === '/' ? '' : own}` : undefined;
}

/** Stopped (state T) or in a frozen cgroup v2: either way it runs no code until resumed. */
export function isStoppedOrFrozen(pid: number): boolean {
  const info = procInfo(pid);
  if (!info) return false;
  if (info.state === 'T' || info.state === 't') return true;
  const dir = cgroupDirOf(pid);
  try {
    return dir !== undefined && /^frozen 1$/m.test(readFileSync(`${dir}/cgroup.events`, 'utf8'));
  } catch {
    return false;
  }
}
