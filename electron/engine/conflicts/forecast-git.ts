import { git, READ_ONLY_ENV } from '../../git/run-git.js';
import { snapshotTree } from '../../git/worktree-snapshot.js';

/** Untracked files above this size stay out of the snapshot (as in the diff): they would bloat the object store. */
const MAX_UNTRACKED_BYTES = 5 * 1024 * 1024;

/** commit-tree needs an identity; the snapshot commit is never referenced, so a fixed one is honest. */
const SNAPSHOT_IDENTITY = {
  GIT_AUTHOR_NAME: 'Flotilla forecast',
  GIT_AUTHOR_EMAIL: 'forecast@flotilla.invalid',
  GIT_COMMITTER_NAME: 'Flotilla forecast',
  GIT_COMMITTER_EMAIL: 'forecast@flotilla.invalid',
  GIT_AUTHOR_DATE: '@0 +0000',
  GIT_COMMITTER_DATE: '@0 +0000',
};

/** Counts the forecast's git work, so tests and the bench can see what a pass cost. */
export interface GitCounter {
  /** git processes started here (a snapshot's own ones are counted in `snapshots`, not here). */
  runs: number;
  mergeTrees: number;
  /** Worktree snapshots (each a few gits: seed the temporary index, list untracked, add). */
  snapshots: number;
}

export interface SessionSnapshot {
  /** The commit standing for the worktree now: its HEAD when nothing is uncommitted, else a snapshot commit on top. */
  commit: string;
  /** Its tree: what the cache compares. */
  tree: string;
}

/**
 * The worktree's current content (commits, uncommitted and untracked files) as a commit whose parent is the
 * branch head, through the diff's temporary-index snapshot: the worktree's own index is never touched.
 * The commit is fixed-dated, so the same content on the same head gives the same commit (cache hits).
 */
export async function snapshotCommit(worktree: string, counter: GitCounter): Promise<SessionSnapshot> {
  const run = (args: string[], env: NodeJS.ProcessEnv = READ_ONLY_ENV) => {
    counter.runs += 1;
    return git(args, { cwd: worktree, env });
  };
  const head = (await run(['rev-parse', 'HEAD^{commit}', 'HEAD^{tree}'])).stdout.trim().split('\n');
  const [headCommit = '', headTree = ''] = head;
  counter.snapshots += 1;
  counter.runs += 1; // its write-tree
  const tree = await snapshotTree(worktree, { maxUntrackedBytes: MAX_UNTRACKED_BYTES });
  if (tree === headTree) return { commit: headCommit, tree };
  const message = 'Flotilla conflict forecast: uncommitted work';
  const created = await run(['commit-tree', tree, '-p', headCommit, '-m', message], {
    ...READ_ONLY_ENV,
    ...SNAPSHOT_IDENTITY,
  });
  return { commit: created.stdout.trim(), tree };
}

/** The commit a branch points at now, or null when it is gone. */
export async function branchTip(repo: string, branch: string, counter: GitCounter): Promise<string | null> {
  counter.runs += 1;
  const result = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `refs/heads/${branch}^{commit}`], {
    cwd: repo,
    env: READ_ONLY_ENV,
    okExitCodes: [0, 1, 128],
  });
  return result.exitCode === 0 ? result.stdout.trim() : null;
}

/**
 * The files that merging `a` and `b` would leave conflicted (empty: a clean merge), from
 * `git merge-tree --write-tree`: git writes only new objects, no checkout or index. Unrelated histories
 * (exit 128) forecast nothing rather than fail the whole pass.
 */
export async function conflictingFiles(repo: string, a: string, b: string, counter: GitCounter): Promise<string[]> {
  counter.runs += 1;
  counter.mergeTrees += 1;
  const result = await git(['merge-tree', '--write-tree', '--name-only', '--no-messages', '-z', a, b], {
    cwd: repo,
    env: READ_ONLY_ENV,
    okExitCodes: [0, 1, 128],
  });
  if (result.exitCode !== 1) return [];
  const [, ...files] = result.stdout.split('\0').filter(Boolean);
  return [...new Set(files)].sort();
}
