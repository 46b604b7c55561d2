import type { SessionRecord } from '../../store/session-repository.js';
import { readLastScreen } from './output-log.js';
import { ScreenMirror } from './screen-mirror.js';

/**
 * The screens of sessions without a live agent (paused after a restart, ended, queued): restored from the
 * session's last snapshot and log tail on first read, then kept for the next read or a resume.
 */
export class ScreenCache {
  private readonly mirrors = new Map<string, ScreenMirror>();

  constructor(private readonly sessionDir: (id: string) => string) {}

  async restore(record: SessionRecord): Promise<ScreenMirror> {
    const cached = this.mirrors.get(record.id);
    if (cached) return cached;
    const last = await readLastScreen(this.sessionDir(record.id));
    const mirror = new ScreenMirror(last.cols ?? record.cols, last.rows ?? record.rows);
    await mirror.write(last.data);
    this.mirrors.set(record.id, mirror);
    return mirror;
  }

  /** Keeps the mirror of an agent that just exited. */
  keep(id: string, mirror: ScreenMirror): void {
    this.mirrors.set(id, mirror);
  }

  /** Hands the cached mirror over to a live agent (it is no longer the cache's to release). */
  release(id: string): void {
    this.mirrors.delete(id);
  }

  drop(id: string): void {
    this.mirrors.get(id)?.dispose();
    this.mirrors.delete(id);
  }

  dispose(): void {
    for (const mirror of this.mirrors.values()) mirror.dispose();
    this.mirrors.clear();
  }
}
