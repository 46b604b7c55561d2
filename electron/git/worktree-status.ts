import { git, READ_ONLY_ENV } from './run-git.js';

/**
 * Paths with uncommitted changes in the work tree at `dir` (staged or not), and untracked ones unless
 * `untracked` is false. Ignored files never count. Takes no lock, so it never gets in an agent's way.
 */
export async function changedPaths(dir: string, untracked = true): Promise<string[]> {
  const result = await git(
    ['status', '--porcelain=v1', '-z', '--no-renames', `--untracked-files=${untracked ? 'all' : 'no'}`],
    { cwd: dir, env: READ_ONLY_ENV },
  );
  return result.stdout
    .split('\0')
    .filter(Boolean)
    .map((entry) => entry.slice(3));
}

/** Paths left unmerged by a stopped rebase or merge. */
export async function conflictedPaths(dir: string): Promise<string[]> {
  const result = await git(['diff', '--name-only', '--diff-filter=U', '-z'], { cwd: dir, env: READ_ONLY_ENV });
  return [...new Set(result.stdout.split('\0').filter(Boolean))];
}

/** "a, b and 3 more": names for a message without flooding it. */
export function describePaths(paths: string[], max = 10): string {
  const shown = paths.slice(0, max).join(', ');
  return paths.length > max ? `${shown} and ${paths.length - max} more` : shown;
}
