import type { CommitResult } from '../../shared/git.js';
import { FlotillaError } from '../../shared/errors.js';
import { git } from './run-git.js';

const LITERAL = { GIT_LITERAL_PATHSPECS: '1' };

/**
 * Commits the session's changes (tracked, deleted and untracked files; .gitignore respected) on its
 * branch: all of them, or only `paths`, leaving anything else the agent staged untouched.
 */
export async function commitChanges(worktree: string, message: string, paths?: string[]): Promise<CommitResult> {
  const selected = paths && paths.length > 0 ? paths : undefined;
  await git(['add', '--all', '--', ...(selected ?? ['.'])], { cwd: worktree, env: LITERAL });
  const staged = await git(['diff', '--cached', '--quiet', 'HEAD', '--', ...(selected ?? [])], {
    cwd: worktree,
    env: LITERAL,
    okExitCodes: [0, 1],
  });
  if (staged.exitCode === 0) {
    throw new FlotillaError(
      'INVALID_STATE',
      selected ? 'nothing to commit in the selected files' : 'nothing to commit',
    );
  }
  await git(['commit', '--quiet', '--no-edit', '-m', message, ...(selected ? ['--', ...selected] : [])], {
    cwd: worktree,
    env: LITERAL,
  });
  const head = await git(['rev-parse', 'HEAD'], { cwd: worktree });
  const changed = await git(['diff-tree', '--no-commit-id', '--name-only', '-r', '-z', '--root', 'HEAD'], {
    cwd: worktree,
  });
  return { commit: head.stdout.trim(), files: changed.stdout.split('\0').filter(Boolean).length };
}
