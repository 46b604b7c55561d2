import { KeyedQueue } from './keyed-queue.js';

const repos = new KeyedQueue();

/**
 * Runs `task` after every earlier task for the same repo has settled. Git's worktree bookkeeping
 * (.git/worktrees) is not safe against concurrent `worktree add` / `remove` / `prune` in one repo:
 * one command can read another's half-written entry ("failed to read .git/worktrees/x/commondir").
 */
export function withRepoLock<T>(repo: string, task: () => Promise<T>): Promise<T> {
  return repos.run(repo, task);
}
