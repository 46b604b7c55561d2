import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { trackedDirs } from '../../git/tracked-dirs.js';

/**
 * How many folders may be watched, per session and in total. Linux has no recursive fs.watch on Node 20,
 * so each folder is one inotify watch; the caps keep 50 sessions on a big repo within the kernel's limit.
 */
export class WatchBudget {
  private used = 0;

  constructor(
    readonly perSession: number,
    readonly total: number,
  ) {}

  take(): boolean {
    if (this.used >= this.total) return false;
    this.used++;
    return true;
  }

  give(): void {
    this.used = Math.max(0, this.used - 1);
  }
}

/**
 * Watches a worktree's folders non-recursively: its tracked folders (shallowest first) and any folder
 * that later holds a changed file, up to the budget. `complete` turns false when a folder could not be
 * watched, so the caller knows to also poll when the agent is active.
 */
export class WorktreeWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private closed = false;
  private capped = false;

  constructor(
    private readonly root: string,
    private readonly onChange: () => void,
    private readonly budget: WatchBudget,
  ) {}

  get complete(): boolean {
    return !this.capped;
  }

  get size(): number {
    return this.watchers.size;
  }

  async start(): Promise<void> {
    this.add(['']);
    this.add(await trackedDirs(this.root));
  }

  /** Watches these folders (relative to the root) too, with every folder above them. */
  add(dirs: string[]): void {
    for (const dir of dirs) {
      const parts = dir.split('/').filter(Boolean);
      for (let depth = 0; depth <= parts.length; depth++) this.watchDir(parts.slice(0, depth).join('/'));
    }
  }

  private watchDir(dir: string): void {
    if (this.closed || this.watchers.has(dir)) return;
    if (this.watchers.size >= this.budget.perSession || !this.budget.take()) {
      this.capped = true;
      return;
    }
    try {
      const watcher = watch(path.join(this.root, dir), { persistent: false }, () => this.onChange());
      watcher.on('error', () => this.unwatch(dir));
      this.watchers.set(dir, watcher);
    } catch (error) {
      this.budget.give();
      // A folder deleted meanwhile is fine; running out of inotify watches means we cannot see everything.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.capped = true;
    }
  }

  private unwatch(dir: string): void {
    const watcher = this.watchers.get(dir);
    if (!watcher) return;
    watcher.close();
    this.watchers.delete(dir);
    this.budget.give();
  }

  close(): void {
    this.closed = true;
    for (const dir of [...this.watchers.keys()]) this.unwatch(dir);
  }
}
