import { readFile, readdir } from 'node:fs/promises';

export interface ProcStat {
  pid: number;
  ppid: number;
  pgid: number;
  state: string;
  startTime: string;
  /** CPU time used so far (user + system), in clock ticks. */
  cpuTicks: number;
  /** Resident memory, in pages. */
  rssPages: number;
}

/** Parses /proc/<pid>/stat; the command name may hold spaces and parentheses, so split after the last ')'. */
export async function readProcStat(pid: number): Promise<ProcStat | undefined> {
  try {
    const raw = await readFile(`/proc/${pid}/stat`, 'utf8');
    // After "pid (comm) ": state=0, ppid=1, pgrp=2, ..., utime=11, stime=12, starttime=19, rss=21.
    const fields = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
    return {
      pid,
      state: fields[0] ?? '?',
      ppid: Number(fields[1]),
      pgid: Number(fields[2]),
      startTime: fields[19] ?? '',
      cpuTicks: Number(fields[11]) + Number(fields[12]),
      rssPages: Number(fields[21]),
    };
  } catch {
    return undefined;
  }
}

/** The kernel's start time of a process, so a recycled pid is never mistaken for our agent. */
export async function processStartTime(pid: number): Promise<string | undefined> {
  return (await readProcStat(pid))?.startTime;
}

export async function isSameProcessAlive(pid: number, startTime: string | null): Promise<boolean> {
  const stat = await readProcStat(pid);
  if (!stat || stat.state === 'Z') return false;
  return startTime === null || stat.startTime === startTime;
}

async function allProcesses(): Promise<ProcStat[]> {
  const entries = await readdir('/proc').catch(() => [] as string[]);
  const stats = await Promise.all(entries.filter((e) => /^\d+$/.test(e)).map((e) => readProcStat(Number(e))));
  return stats.filter((s): s is ProcStat => s !== undefined);
}

/** Adds to `found` every process of `all` descending from one already in it, however deep. */
function addDescendants(found: Map<number, ProcStat>, all: readonly ProcStat[]): void {
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of all) {
      if (!found.has(p.pid) && found.has(p.ppid)) {
        found.set(p.pid, p);
        grew = true;
      }
    }
  }
}

/**
 * Every live process in the agent's tree: its process group plus descendants that moved to groups of
 * their own (setsid, daemons), which a group signal alone would leave behind.
 */
export async function processTree(rootPid: number): Promise<ProcStat[]> {
  const all = await allProcesses();
  const found = new Map<number, ProcStat>();
  for (const p of all) if (p.pgid === rootPid || p.pid === rootPid) found.set(p.pid, p);
  addDescendants(found, all);
  return [...found.values()].filter((p) => p.state !== 'Z');
}

/** Whether the process's environment holds one of `entries` (only our own processes' are readable). */
async function hasEnvEntry(pid: number, entries: ReadonlySet<string>): Promise<boolean> {
  if (entries.size === 0) return false;
  try {
    return (await readFile(`/proc/${pid}/environ`, 'utf8')).split('\0').some((entry) => entries.has(entry));
  } catch {
    return false;
  }
}

/** Who belongs to a session: its agent's process group, given pids (its cgroup's members), its marker. */
export interface Membership {
  pgid?: number;
  /** Processes carrying FLOTILLA_SESSION_ID=<one of these> in their environment belong. */
  sessionIds: readonly string[];
  pids?: readonly number[];
}

/**
 * Every live process of a session: its agent's process group, the given pids, anything still carrying its
 * session id in the environment (setsid'd, nohup'd or detached children lose every other link to it once
 * they are reparented), and the descendants of all these. A process that both left the group and dropped
 * the marker is found only through a cgroup (see session-containment.ts).
 */
export async function findSessionProcesses(membership: Membership): Promise<ProcStat[]> {
  const all = (await allProcesses()).filter((p) => p.state !== 'Z' && p.pid !== process.pid);
  const entries = new Set(membership.sessionIds.map((id) => `FLOTILLA_SESSION_ID=${id}`));
  const given = new Set(membership.pids ?? []);
  const tagged = await Promise.all(
    all.map((p) => (p.pgid === membership.pgid || given.has(p.pid) ? true : hasEnvEntry(p.pid, entries))),
  );
  const found = new Map(all.filter((_, i) => tagged[i]).map((p) => [p.pid, p]));
  addDescendants(found, all);
  return [...found.values()];
}

/** What an agent that has exited left running (its group, its marker, their descendants). */
export function leftoverProcesses(pgid: number, sessionId: string): Promise<ProcStat[]> {
  return findSessionProcesses({ pgid, sessionIds: [sessionId] });
}
