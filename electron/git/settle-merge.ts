import { existsSync } from 'node:fs';
import path from 'node:path';
import { clearOwnLock } from './own-lock.js';
import { git, READ_ONLY_ENV } from './run-git.js';

/** A squash-merge about to move its base branch: what is needed to finish or undo it after an interruption. */
export interface InFlightMerge {
  repo: string;
  baseBranch: string;
  /** The base branch's commit before the merge. */
  previous: string;
  /** The squash commit the base branch moves to. */
  commit: string;
  /** The checkout of the base branch that the merge updates (usually the user's main checkout), if any. */
  checkout: string | null;
}

export interface MergeSettlement {
  /** completed: the branch and its checkout both hold the merge; untouched: neither does; unresolved: left for the user. */
  state: 'completed' | 'untouched' | 'unresolved';
  detail: string;
}

async function refAt(cwd: string, ref: string): Promise<string | null> {
  const result = await git(['rev-parse', '--verify', '--quiet', ref], {
    cwd,
    okExitCodes: [0, 1, 128],
    env: READ_ONLY_ENV,
  });
  return result.exitCode === 0 ? result.stdout.trim() : null;
}

/** The checkout's index holds `target`'s tree and its tracked files match the index. */
async function checkoutHolds(checkout: string, target: string): Promise<boolean> {
  const index = await git(['diff-index', '--cached', '--quiet', target, '--'], { cwd: checkout, okExitCodes: [0, 1] });
  if (index.exitCode !== 0) return false;
  const files = await git(['status', '--porcelain', '--untracked-files=no'], { cwd: checkout });
  return files.stdout.trim() === '';
}

/**
 * Brings an interrupted squash-merge to a consistent end, whatever killed it: where the base branch
 * already moved, its checkout is completed to the merge; where it did not, the checkout is put back.
 * The index.lock a killed git left is removed only if it is ours (see clearOwnLock). `since` is when
 * the operation was journaled (a file mtime). Nothing is done where the branch moved elsewhere since,
 * or the checkout switched branch: that is the user's work now.
 */
export async function settleMerge(op: InFlightMerge, since: number, waitMs: number): Promise<MergeSettlement> {
  const { baseBranch, previous, commit, checkout } = op;
  const ref = await refAt(op.repo, `refs/heads/${baseBranch}`);
  const merged = ref === commit;
  if (!merged && ref !== previous) {
    const now = ref ? `is now at ${ref.slice(0, 10)}` : 'no longer exists';
    return { state: 'unresolved', detail: `${baseBranch} ${now}, neither before nor after the merge; left as it is` };
  }
  const target = merged ? commit : previous;
  const outcome = merged ? 'the merge is complete' : 'nothing was merged';
  if (!checkout || !existsSync(checkout)) return { state: merged ? 'completed' : 'untouched', detail: outcome };

  const lockPath = await git(['rev-parse', '--git-path', 'index.lock'], { cwd: checkout, env: READ_ONLY_ENV });
  const lock = path.resolve(checkout, lockPath.stdout.trim());
  const cleared = await clearOwnLock(lock, checkout, since, waitMs);
  if (cleared === 'held' || cleared === 'foreign') {
    const who = cleared === 'held' ? 'a git process still running there' : 'another git (it is older than the merge)';
    return {
      state: 'unresolved',
      detail: `${lock} is held by ${who}, so ${checkout} was not checked; ${outcome} on ${baseBranch}: run git status there`,
    };
  }
  const head = await git(['symbolic-ref', '--quiet', 'HEAD'], { cwd: checkout, okExitCodes: [0, 1] });
  if (head.stdout.trim() !== `refs/heads/${baseBranch}`) {
    return { state: merged ? 'completed' : 'untouched', detail: `${outcome}; ${checkout} no longer has ${baseBranch}` };
  }
  const removed = cleared === 'removed' ? `removed the ${lock} our interrupted git left; ` : '';
  if (await checkoutHolds(checkout, target)) {
    return { state: merged ? 'completed' : 'untouched', detail: `${removed}${outcome}; ${checkout} matches it` };
  }
  // Clean before the merge (checked), so what differs now is what the interrupted read-tree half wrote.
  await git(['read-tree', '--reset', '-u', target], { cwd: checkout });
  const action = merged ? 'updated the rest of its files' : 'put its files back';
  return {
    state: merged ? 'completed' : 'untouched',
    detail: `${removed}${outcome}; ${checkout} was half updated: ${action}`,
  };
}
