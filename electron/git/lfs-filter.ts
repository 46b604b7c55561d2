import { FlotillaError } from '../../shared/errors.js';
import { LFS_MISSING_HINT } from './lfs-missing.js';
import { git, READ_ONLY_ENV } from './run-git.js';
import { describePaths } from './worktree-status.js';

/** check-attr takes paths as arguments; batches keep a big merge under the OS's argument limit. */
const BATCH = 500;

async function lfsConfigured(cwd: string): Promise<boolean> {
  const found = await git(['config', '--get-regexp', '^filter\\.lfs\\.(process|smudge|clean)$'], {
    cwd,
    okExitCodes: [0, 1],
    env: READ_ONLY_ENV,
  });
  return found.stdout.split('\n').some((line) => line.trim().split(/\s+/).length > 1);
}

/** The paths between two commits (or trees), which a checkout moving from one to the other would write. */
export async function pathsBetween(cwd: string, from: string, to: string): Promise<string[]> {
  const result = await git(['diff-tree', '-r', '-z', '--name-only', '--no-renames', from, to], {
    cwd,
    env: READ_ONLY_ENV,
  });
  return result.stdout.split('\0').filter(Boolean);
}

/** The paths among `paths` that git passes through the LFS filter (filter=lfs in .gitattributes). */
async function lfsTracked(cwd: string, paths: string[]): Promise<string[]> {
  const tracked: string[] = [];
  for (let i = 0; i < paths.length; i += BATCH) {
    const batch = paths.slice(i, i + BATCH);
    const result = await git(['check-attr', '-z', 'filter', '--', ...batch], { cwd, env: READ_ONLY_ENV });
    const fields = result.stdout.split('\0');
    for (let f = 0; f + 2 < fields.length; f += 3) if (fields[f + 2] === 'lfs') tracked.push(fields[f] ?? '');
  }
  return tracked;
}

async function lfsRuns(cwd: string): Promise<boolean> {
  const result = await git(['lfs', 'version'], { cwd, okExitCodes: [0, 1, 127, 128, -1], env: READ_ONLY_ENV });
  return result.exitCode === 0;
}

/**
 * Refuses `action` before it starts when it would write LFS-tracked `paths` into a checkout through a
 * git-lfs that is configured but cannot run: git would fail part-way (a checkout deletes the file first),
 * leaving files missing. Costs one `git config` when LFS is not set up at all (`paths` may be a function, then left uncalled).
 */
export async function requireLfsFor(
  cwd: string,
  paths: string[] | (() => Promise<string[]>),
  action: string,
): Promise<void> {
  if (!(await lfsConfigured(cwd))) return;
  const tracked = await lfsTracked(cwd, typeof paths === 'function' ? await paths() : paths);
  if (tracked.length === 0 || (await lfsRuns(cwd))) return;
  throw new FlotillaError(
    'GIT_FAILED',
    `cannot ${action} ${describePaths(tracked, 5)}: ${LFS_MISSING_HINT}; nothing was changed`,
  );
}
