/**
 * Runs tasks one at a time per key, each after every earlier task for its key has settled (a failure does
 * not stop the ones behind it); different keys run side by side. Used for a repo's worktree bookkeeping
 * (repo-lock.ts) and a session's git actions (engine/review/session-git.ts).
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const next = (this.tails.get(key) ?? Promise.resolve()).then(task, task);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, settled);
    void settled.then(() => {
      if (this.tails.get(key) === settled) this.tails.delete(key);
    });
    return next;
  }

  /** Keys with a task queued or running. */
  get size(): number {
    return this.tails.size;
  }

  /** Settles once every task queued so far has (never rejects). */
  async settled(): Promise<void> {
    await Promise.all(this.tails.values());
  }
}
