import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { git, READ_ONLY_ENV } from '../../git/run-git.js';

/**
 * Notices base branches moving (a merge, a commit in the user's checkout, a fetch into it): no session's
 * diff changes then, yet the forecast against the base may. Watches the folder holding each base's loose
 * ref (git writes `main.lock` and renames it to `main`), so nothing runs while nothing moves. A ref only
 * in packed-refs becomes loose again when it is updated, so that case is seen too.
 */
export class BaseWatch {
  private readonly watchers = new Map<string, FSWatcher>();
  private readonly commonDirs = new Map<string, Promise<string | null>>();
  private closed = false;

  constructor(private readonly moved: () => void) {}

  /** Watches exactly these (repository, base branch) pairs from now on. */
  async track(bases: { repoPath: string; branch: string }[]): Promise<void> {
    const wanted = new Set<string>();
    for (const { repoPath, branch } of bases) {
      const common = await this.commonDir(repoPath);
      if (!common || this.closed) continue;
      const key = `${path.join(common, 'refs', 'heads', branch)}`;
      wanted.add(key);
      if (this.watchers.has(key)) continue;
      try {
        const name = path.basename(key);
        const watcher = watch(path.dirname(key), { persistent: false }, (_type, file) => {
          if (file === name) this.moved();
        });
        watcher.on('error', () => this.forget(key));
        this.watchers.set(key, watcher);
      } catch {
        // The folder is gone (a branch name with a folder part not made yet): its next pass tries again.
      }
    }
    for (const key of [...this.watchers.keys()]) if (!wanted.has(key)) this.forget(key);
  }

  close(): void {
    this.closed = true;
    for (const key of [...this.watchers.keys()]) this.forget(key);
  }

  private forget(key: string): void {
    this.watchers.get(key)?.close();
    this.watchers.delete(key);
  }

  private commonDir(repoPath: string): Promise<string | null> {
    let found = this.commonDirs.get(repoPath);
    if (!found) {
      found = git(['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd: repoPath, env: READ_ONLY_ENV })
        .then((r) => r.stdout.trim())
        .catch(() => null);
      this.commonDirs.set(repoPath, found);
    }
    return found;
  }
}
