import { readFile } from 'node:fs/promises';
import type { SessionPreview, SessionStats } from '../../../shared/session-insight.js';
import { processTree } from './process-tree.js';
import type { SessionManager } from '../session-manager.js';

// Linux reports CPU time in clock ticks and RSS in pages; both are these values on every platform we run.
const CLOCK_TICKS = 100;
const PAGE_BYTES = 4096;

/** Visible screen text of each session; live ones read straight from their mirror (no serialization). */
export async function sessionPreviews(manager: SessionManager, ids: string[]): Promise<SessionPreview[]> {
  const previews = await Promise.all(
    ids.map(async (ref) => {
      try {
        const id = manager.get(ref).id;
        const mirror = manager.runtimeOf(id)?.mirror;
        return { id, text: mirror ? await mirror.text() : (await manager.screen(id)).text };
      } catch {
        return undefined; // removed meanwhile: simply not in the answer
      }
    }),
  );
  return previews.filter((p): p is SessionPreview => p !== undefined);
}

async function procUsage(pid: number): Promise<{ cpuTicks: number; rssPages: number }> {
  try {
    const raw = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
    // After "pid (comm) ": state=0, ..., utime=11, stime=12, rss=21.
    return { cpuTicks: Number(fields[11]) + Number(fields[12]), rssPages: Number(fields[21]) };
  } catch {
    return { cpuTicks: 0, rssPages: 0 };
  }
}

/** CPU time and memory of the session's agent and every process it started. */
export async function sessionStats(manager: SessionManager, ref: string): Promise<SessionStats> {
  const session = manager.get(ref);
  const sampledAt = new Date().toISOString();
  if (session.pid === null || process.platform !== 'linux') {
    return { id: session.id, pid: session.pid, processes: 0, cpuSeconds: 0, rssBytes: 0, sampledAt };
  }
  const tree = await processTree(session.pid);
  const usage = await Promise.all(tree.map((p) => procUsage(p.pid)));
  return {
    id: session.id,
    pid: session.pid,
    processes: tree.length,
    cpuSeconds: usage.reduce((sum, u) => sum + u.cpuTicks, 0) / CLOCK_TICKS,
    rssBytes: usage.reduce((sum, u) => sum + u.rssPages, 0) * PAGE_BYTES,
    sampledAt,
  };
}
