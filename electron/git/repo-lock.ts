const chains = new Map<string, Promise<unknown>>();

/**
 * Runs `task` after every earlier task for the same repo has settled. Git's worktree bookkeeping
 * (.git/worktrees) is not safe against concurrent `worktree add` / `remove` / `prune` in one repo:
 * one command can read another's half-written entry ("failed to read .git/worktrees/x/commondir").
 */
export function withRepoLock<T>(repo: string, task: () => Promise<T>): Promise<T> {
  const previous = chains.get(repo) ?? Promise.resolve();
  const next = previous.then(task, task);
  const settled = next.catch(() => undefined);
  chains.set(repo, settled);
  void settled.then(() => {
    if (chains.get(repo) === settled) chains.delete(repo);
  });
  return next;
}
