import type { SessionPreview, SessionStats } from '../../../shared/session-insight.js';
import type { ScreenSnapshot, Session } from '../../../shared/session.js';
import type { ScreenMirror } from '../output/screen-mirror.js';
import { processTree } from './process-tree.js';

/** What previews and stats read of the engine: sessions, and the mirror of a live one. */
export interface InsightHost {
  get(ref: string): Session;
  screen(ref: string): Promise<ScreenSnapshot>;
  liveMirror(id: string): ScreenMirror | undefined;
}

// Linux reports CPU time in clock ticks and RSS in pages; both are these values on every platform we run.
const CLOCK_TICKS = 100;
const PAGE_BYTES = 4096;

/** Visible screen text of each session; live ones read straight from their mirror (no serialization). */
export async function sessionPreviews(manager: InsightHost, ids: string[]): Promise<SessionPreview[]> {
  const previews = await Promise.all(
    ids.map(async (ref) => {
      try {
        const id = manager.get(ref).id;
        const mirror = manager.liveMirror(id);
        return { id, text: mirror ? await mirror.text() : (await manager.screen(id)).text };
      } catch {
        return undefined; // removed meanwhile: simply not in the answer
      }
    }),
  );
  return previews.filter((p): p is SessionPreview => p !== undefined);
}

/** CPU time and memory of the session's agent and every process it started. */
export async function sessionStats(manager: InsightHost, ref: string): Promise<SessionStats> {
  const session = manager.get(ref);
  const sampledAt = new Date().toISOString();
  if (session.pid === null || process.platform !== 'linux') {
    return { id: session.id, pid: session.pid, processes: 0, cpuSeconds: 0, rssBytes: 0, sampledAt };
  }
  const tree = await processTree(session.pid);
  return {
    id: session.id,
    pid: session.pid,
    processes: tree.length,
    cpuSeconds: tree.reduce((sum, p) => sum + p.cpuTicks, 0) / CLOCK_TICKS,
    rssBytes: tree.reduce((sum, p) => sum + p.rssPages, 0) * PAGE_BYTES,
    sampledAt,
  };
}
