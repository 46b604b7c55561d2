import type { MergeResult } from '../../shared/git.js';
import { FlotillaError } from '../../shared/errors.js';
import { requireGit } from './git-version.js';
import { pathsBetween, requireLfsFor } from './lfs-filter.js';
import { git, READ_ONLY_ENV } from './run-git.js';
import { inspectBaseCheckout } from './base-checkout.js';
import { noSharedHistory } from './session-base.js';
import { settleMerge, type InFlightMerge } from './settle-merge.js';
import { changedPaths, describePaths } from './worktree-status.js';

export interface SquashMergeRequest {
  repo: string;
  /** The session's worktree, which must have no uncommitted changes (they would not be merged). */
  worktree: string;
  branch: string;
  baseBranch: string;
  message: string;
  /** Records the merge while its base branch and checkout may be half updated, so a host killed meanwhile settles it at its next start. */
  journal?: MergeJournal;
}

export interface MergeJournal {
  /** Records `op` durably; `since` is when (a file mtime, comparable to a lock's), `end` drops the record. */
  begin(op: InFlightMerge): Promise<{ since: number; end(): Promise<void> }>;
}

/** How long an interrupted merge waits for a git still working in the checkout before leaving it to the user. */
const SETTLE_WAIT_MS = 10_000;

async function revParse(cwd: string, name: string): Promise<string | undefined> {
  const result = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', name], {
    cwd,
    okExitCodes: [0, 1, 128],
  });
  return result.exitCode === 0 ? result.stdout.trim() : undefined;
}

/** merge-tree refuses unrelated histories with a bare exit 128; say what happened instead. */
async function requireSharedHistory(repo: string, branch: string, baseBranch: string, base: string, tip: string) {
  const found = await git(['merge-base', base, tip], { cwd: repo, okExitCodes: [0, 1], env: READ_ONLY_ENV });
  if (found.exitCode === 1) {
    const outcome = 'nothing was merged (if that is meant, merge by hand: git merge --allow-unrelated-histories)';
    throw noSharedHistory(branch, baseBranch, outcome);
  }
}

/** The merged tree, or MERGE_CONFLICT naming the files that would conflict. */
async function mergedTree(repo: string, baseBranch: string, base: string, tip: string): Promise<string> {
  const result = await git(['merge-tree', '--write-tree', '--name-only', '--no-messages', '-z', base, tip], {
    cwd: repo,
    okExitCodes: [0, 1],
  });
  const [tree = '', ...files] = result.stdout.split('\0').filter(Boolean);
  if (result.exitCode === 1) {
    throw new FlotillaError(
      'MERGE_CONFLICT',
      `${baseBranch} has moved on and merging would conflict in ${describePaths([...new Set(files)])}; rebase the session onto ${baseBranch} first`,
    );
  }
  return tree;
}

/** The checkout of the base branch, if any; refused (BASE_DIRTY) when updating it could lose or clash with local work. */
async function baseCheckout(repo: string, baseBranch: string, from: string, tree: string): Promise<string | null> {
  const entry = await inspectBaseCheckout(repo, baseBranch);
  if (!entry) return null;
  if (entry.dirty.length > 0) {
    throw new FlotillaError(
      'BASE_DIRTY',
      `${entry.path} has ${baseBranch} checked out with uncommitted changes (${describePaths(entry.dirty)}); commit or stash them, then merge again`,
    );
  }
  await requireLfsFor(entry.path, () => pathsBetween(repo, from, tree), `update ${entry.path} with`);
  const dryRun = await git(['read-tree', '-m', '-u', '--dry-run', from, tree], {
    cwd: entry.path,
    okExitCodes: [0, 128],
  });
  if (dryRun.exitCode !== 0) {
    const detail = dryRun.stderr.trim().split('\n').slice(0, 6).join(' ');
    throw new FlotillaError('BASE_DIRTY', `updating ${entry.path} to the merge would clash with its files: ${detail}`);
  }
  return entry.path;
}

/**
 * Squash-merges the session branch into its base branch with plumbing (merge-tree, commit-tree,
 * update-ref with the old value), so no checkout is switched or disturbed. The base branch's own
 * checkout, if clean, is brought up to date; if it has local changes the merge is refused.
 */
export async function squashMerge(request: SquashMergeRequest): Promise<MergeResult> {
  const { repo, worktree, branch, baseBranch, message } = request;
  await requireGit(repo, 2, 38, 'merging without touching a checkout (git merge-tree --write-tree)');
  const baseRef = `refs/heads/${baseBranch}`;
  const previous = await revParse(repo, `${baseRef}^{commit}`);
  if (!previous) {
    const other = await revParse(repo, `${baseBranch}^{commit}`);
    throw other
      ? new FlotillaError(
          'INVALID_STATE',
          `base "${baseBranch}" is not a local branch; push the session and open a PR instead`,
        )
      : new FlotillaError('UNKNOWN_BASE', `base branch "${baseBranch}" no longer exists`);
  }
  const uncommitted = await changedPaths(worktree);
  if (uncommitted.length > 0) {
    throw new FlotillaError(
      'DIRTY_WORKTREE',
      `the session has uncommitted changes (${describePaths(uncommitted)}); commit or discard them before merging`,
    );
  }
  const tip = await revParse(repo, `refs/heads/${branch}^{commit}`);
  if (!tip) throw new FlotillaError('GIT_FAILED', `branch ${branch} does not exist`);
  await requireSharedHistory(repo, branch, baseBranch, previous, tip);
  const tree = await mergedTree(repo, baseBranch, previous, tip);
  const baseTree = await git(['rev-parse', `${previous}^{tree}`], { cwd: repo, env: READ_ONLY_ENV });
  if (tree === baseTree.stdout.trim())
    throw new FlotillaError('NOTHING_TO_MERGE', `${baseBranch} already has every change of ${branch}`);
  const checkout = await baseCheckout(repo, baseBranch, previous, tree);

  const created = await git(['commit-tree', tree, '-p', previous, '-m', message], { cwd: repo });
  const commit = created.stdout.trim();
  const op: InFlightMerge = { repo, baseBranch, previous, commit, checkout };
  const record = await request.journal?.begin(op);
  let settled = false;
  try {
    // Without a journal, a lock made from now on (less the file clock's coarseness) is taken as ours.
    await moveBase(op, branch, baseRef, record?.since ?? Date.now() - 20);
    settled = true;
  } catch (error) {
    // An error that came with the branch and checkout consistent (refused, rolled back or completed) needs no
    // settling at the next start; one that did not keeps its record.
    settled = !(error instanceof UnsettledMerge);
    throw error instanceof UnsettledMerge ? error.reason : error;
  } finally {
    if (settled) await record?.end();
  }
  return { commit, baseBranch, previous, updatedCheckout: checkout };
}

/** A merge that could be neither completed nor rolled back: its journal record stays for the next start. */
class UnsettledMerge extends Error {
  constructor(readonly reason: FlotillaError) {
    super(reason.message);
  }
}

/**
 * Moves the base branch to the squash commit, then its checkout. A checkout update that git refuses
 * (its files changed since the check) puts the branch back; one that dies half way (killed by a signal)
 * is completed, its own stale index.lock removed.
 */
async function moveBase(op: InFlightMerge, branch: string, baseRef: string, since: number): Promise<void> {
  const { repo, baseBranch, previous, commit, checkout } = op;
  const moved = await git(['update-ref', '-m', `flotilla: squash-merge ${branch}`, baseRef, commit, previous], {
    cwd: repo,
    okExitCodes: [0, 1, 128],
  });
  if (moved.exitCode !== 0)
    throw new FlotillaError('BASE_MOVED', `${baseBranch} moved while merging; nothing was changed, try again`);
  if (!checkout) return;
  let updated;
  try {
    updated = await git(['read-tree', '-m', '-u', previous, commit], { cwd: checkout, okExitCodes: [0, 128] });
  } catch (error) {
    const settlement = await settleMerge(op, since, SETTLE_WAIT_MS).catch((e: unknown) => ({
      state: 'unresolved' as const,
      detail: e instanceof Error ? e.message : String(e),
    }));
    if (settlement.state === 'completed') return;
    const why = error instanceof Error ? error.message : String(error);
    const failure = new FlotillaError(
      'GIT_FAILED',
      `updating ${checkout} was interrupted: ${settlement.detail}\n\n${why}`,
    );
    throw settlement.state === 'untouched' ? failure : new UnsettledMerge(failure);
  }
  if (updated.exitCode !== 0) {
    // Its files changed between the check and now: put the branch back rather than leave the checkout behind it.
    await git(['update-ref', '-m', 'flotilla: undo squash-merge', baseRef, previous, commit], { cwd: repo }).catch(
      (error: unknown) => {
        const why = error instanceof Error ? error.message : String(error);
        throw new UnsettledMerge(new FlotillaError('GIT_FAILED', `${baseBranch} could not be put back: ${why}`));
      },
    );
    throw new FlotillaError(
      'BASE_DIRTY',
      `${checkout} changed during the merge; nothing was merged: ${updated.stderr.trim()}`,
    );
  }
}
