import type {
  CommitResult,
  FileLines,
  FilePatch,
  MergeResult,
  PushResult,
  PushTarget,
  RebaseResult,
  SessionDiff,
} from '../../../shared/git.js';
import type { Session } from '../../../shared/session.js';
import { commitChanges } from '../../git/commit-changes.js';
import { computeFilePatch } from '../../git/diff-file.js';
import { DEFAULT_DIFF_LIMITS } from '../../git/diff-stats.js';
import { discardChanges } from '../../git/discard-changes.js';
import { pushBranch, pushTarget } from '../../git/push-branch.js';
import { rebaseOntoBase } from '../../git/rebase-branch.js';
import { revertFile } from '../../git/revert-file.js';
import { revertHunk, type HunkRef } from '../../git/revert-hunk.js';
import { squashMerge } from '../../git/squash-merge.js';
import { readWorktreeLines } from '../../git/worktree-file-lines.js';
import { KeyedQueue } from '../../git/keyed-queue.js';
import { confineToWorktree } from '../../git/worktree-path.js';
import { DiffService, type CachedDiffStats, type DiffHost, type DiffServiceOptions } from './diff-service.js';
import type { GitOpJournal } from './git-op-journal.js';

/** The diff service's host, and every session (for the grid's totals). */
export interface SessionGitHost extends DiffHost {
  list(): Session[];
}

/**
 * The review-and-merge side of a session: its live diff, one file's patch, and the git actions on its
 * worktree and branch. Actions on one session run one at a time; each is followed by a fresh diff.
 */
export class SessionGit {
  private readonly diffs: DiffService;
  /** One git action at a time per session. */
  private readonly actions = new KeyedQueue();
  /** Where `gh` is looked up (PATH). */
  private readonly env: NodeJS.ProcessEnv;
  private readonly gitOps: GitOpJournal | undefined;

  constructor(
    private readonly host: SessionGitHost,
    options: Partial<DiffServiceOptions> & { env?: NodeJS.ProcessEnv; gitOps?: GitOpJournal } = {},
  ) {
    this.env = options.env ?? process.env;
    this.gitOps = options.gitOps;
    this.diffs = new DiffService(host, options);
  }

  diff(ref: string): Promise<SessionDiff> {
    return this.diffs.diff(ref);
  }

  /** The diff totals already known for every session in the grid (not archived); the rest follow as events. */
  diffStatsAll(): CachedDiffStats[] {
    return this.diffs.statsAll(this.host.list().filter((s) => s.archivedAt === null));
  }

  async diffFile(ref: string, requested: string): Promise<FilePatch> {
    const session = this.host.get(ref);
    const file = await confineToWorktree(session.worktreePath, requested);
    return computeFilePatch(session.worktreePath, session.baseBranch, file, this.oldPathOf(session.id, file));
  }

  revertFile(ref: string, requested: string): Promise<SessionDiff> {
    return this.act(ref, async (s) => {
      const file = await confineToWorktree(s.worktreePath, requested);
      await revertFile(s.worktreePath, s.baseBranch, file, this.oldPathOf(s.id, file));
      return this.diffs.diff(s.id);
    });
  }

  revertHunk(ref: string, requested: string, hunk: HunkRef): Promise<SessionDiff> {
    return this.act(ref, async (s) => {
      const file = await confineToWorktree(s.worktreePath, requested);
      await revertHunk(s.worktreePath, s.baseBranch, file, hunk, this.oldPathOf(s.id, file));
      return this.diffs.diff(s.id);
    });
  }

  async fileLines(ref: string, requested: string, start: number, end: number): Promise<FileLines> {
    const session = this.host.get(ref);
    const file = await confineToWorktree(session.worktreePath, requested);
    return readWorktreeLines(session.worktreePath, file, start, end, DEFAULT_DIFF_LIMITS.maxTextBytes);
  }

  commit(ref: string, message: string, paths?: string[]): Promise<CommitResult> {
    return this.act(ref, async (s) => {
      const files = paths && (await Promise.all(paths.map((p) => confineToWorktree(s.worktreePath, p))));
      return commitChanges(s.worktreePath, message, files);
    });
  }

  discard(ref: string, commits: boolean): Promise<SessionDiff> {
    return this.act(ref, async (s) => {
      await discardChanges(s.worktreePath, s.baseBranch, commits);
      return this.diffs.diff(s.id);
    });
  }

  rebase(ref: string): Promise<RebaseResult> {
    return this.act(ref, (s) => rebaseOntoBase(s.worktreePath, s.baseBranch));
  }

  merge(ref: string, message: string): Promise<MergeResult> {
    return this.act(ref, (s) =>
      squashMerge({
        ...{ repo: s.repoPath, worktree: s.worktreePath, branch: s.branch, baseBranch: s.baseBranch, message },
        ...(this.gitOps ? { journal: this.gitOps.forMerge(s.id) } : {}),
      }),
    );
  }

  push(ref: string, options: { pr: boolean; title?: string; body?: string }): Promise<PushResult> {
    return this.act(ref, (s) =>
      pushBranch({ worktree: s.worktreePath, branch: s.branch, baseBranch: s.baseBranch, ...options, env: this.env }),
    );
  }

  pushTarget(ref: string): Promise<PushTarget> {
    const session = this.host.get(ref);
    return pushTarget(session.worktreePath, session.baseBranch, this.env);
  }

  close(): void {
    this.diffs.close();
  }

  /** Waits (at most `ms`) for the git actions under way (a commit, rebase or merge) to end, for a clean stop. */
  async idle(ms: number): Promise<void> {
    if (this.actions.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
    await Promise.race([this.actions.settled(), timeout]);
    clearTimeout(timer);
  }

  private oldPathOf(id: string, file: string): string | null {
    return this.diffs.latest(id)?.files.find((f) => f.path === file)?.oldPath ?? null;
  }

  /** Runs `action` after any earlier action on the same session, then refreshes its live diff. */
  private act<T>(ref: string, action: (session: Session) => Promise<T>): Promise<T> {
    const { id } = this.host.get(ref);
    return this.actions.run(id, () => action(this.host.get(id)).finally(() => this.diffs.refresh(id)));
  }
}
