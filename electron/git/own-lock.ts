import { readdir, readFile, readlink, realpath, rm, stat } from 'node:fs/promises';

/** Where /proc cannot say whether a git still works in the folder, a lock this old is taken as abandoned. */
const ABANDONED_WITHOUT_PROC_MS = 60_000;

/** Pids of git processes working in `dir` (Linux /proc); null where this cannot be known. */
export async function gitProcessesIn(dir: string): Promise<number[] | null> {
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return null;
  }
  if (!entries.includes('self')) return null;
  const real = await realpath(dir).catch(() => dir);
  const found: number[] = [];
  await Promise.all(
    entries
      .filter((name) => /^\d+$/.test(name))
      .map(async (pid) => {
        try {
          const comm = (await readFile(`/proc/${pid}/comm`, 'utf8')).trim();
          if (comm !== 'git' && !comm.startsWith('git-')) return;
          if ((await readlink(`/proc/${pid}/cwd`)) === real) found.push(Number(pid));
        } catch {
          // gone meanwhile, or another user's process: not one of ours
        }
      }),
  );
  return found;
}

/**
 * What became of an index.lock after one of our gits was interrupted: none there, removed because our
 * own git left it, still held by a live git, or someone else's (older than our operation) and kept.
 */
export type LockOutcome = 'none' | 'removed' | 'held' | 'foreign';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Removes `lock` only if Flotilla's own interrupted git left it: made at or after `since` (the mtime
 * of our journal entry, written just before that git started) while no git process works in `dir`.
 * A git still running there (ours, detached, outliving a killed host, or the user's) is waited for
 * up to `waitMs`; a lock older than our operation is never touched.
 */
export async function clearOwnLock(lock: string, dir: string, since: number, waitMs: number): Promise<LockOutcome> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const info = await stat(lock).catch(() => null);
    if (!info) return 'none';
    if (info.mtimeMs < since) return 'foreign';
    const live = await gitProcessesIn(dir);
    const busy = live === null ? Date.now() - info.mtimeMs < ABANDONED_WITHOUT_PROC_MS : live.length > 0;
    if (!busy) {
      await rm(lock, { force: true });
      return 'removed';
    }
    if (Date.now() >= deadline) return 'held';
    await sleep(100);
  }
}
