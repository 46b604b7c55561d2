import { git, READ_ONLY_ENV } from '../../git/run-git.js';

/** The commit the worktree's branch points at. */
export async function branchHead(worktree: string): Promise<string> {
  const result = await git(['rev-parse', '--verify', 'HEAD^{commit}'], { cwd: worktree, env: READ_ONLY_ENV });
  return result.stdout.trim();
}

/**
 * Puts the worktree's branch back at `head` (its commit before the queue rebased it) and says what was done,
 * as a sentence to add to the reason the queue stopped. `reset --keep` rather than `--hard`: the agent may
 * have written files meanwhile, and those are kept (or, if they clash, the branch stays rebased and we say so).
 */
export async function restoreBranch(worktree: string, head: string): Promise<string> {
  const now = await branchHead(worktree).catch(() => null);
  if (now === head) return 'the branch is unchanged';
  const reset = await git(['reset', '--quiet', '--keep', head], { cwd: worktree, okExitCodes: [0, 1, 128] });
  if (reset.exitCode === 0) return `the branch was put back to ${head.slice(0, 10)}, its head before the rebase`;
  const why = (reset.stderr || reset.stdout).trim().split('\n')[0] ?? '';
  return `the branch could not be put back to ${head.slice(0, 10)} (${why}); it stays rebased at ${now?.slice(0, 10) ?? '?'}`;
}
