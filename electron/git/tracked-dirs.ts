import { git, READ_ONLY_ENV } from './run-git.js';

/** Every folder git tracks in the commit checked out at `worktree` (relative, top level first). */
export async function trackedDirs(worktree: string): Promise<string[]> {
  const result = await git(['ls-tree', '-r', '-d', '--name-only', '-z', 'HEAD'], {
    cwd: worktree,
    okExitCodes: [0, 128],
    env: READ_ONLY_ENV,
  });
  if (result.exitCode !== 0) return [];
  const dirs = result.stdout.split('\0').filter(Boolean);
  return dirs.sort((a, b) => a.split('/').length - b.split('/').length);
}
