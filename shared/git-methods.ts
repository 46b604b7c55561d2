import { z } from 'zod';
import {
  CommitRequest,
  CommitResult,
  DiffFileRequest,
  DiscardRequest,
  FileLines,
  FileLinesRequest,
  FilePatch,
  MergeRequest,
  MergeResult,
  PushRequest,
  PushResult,
  PushTarget,
  RebaseResult,
  RevertFileRequest,
  RevertHunkRequest,
  SessionDiff,
  SessionDiffStats,
} from './git.js';
import { SessionRef } from './session.js';
import {
  DiskUsage,
  OrphanRemoval,
  RemoveOrphanRequest,
  RepoSettings,
  RepoSettingsPatch,
  RepoSettingsRequest,
  WorktreeReport,
} from './worktree.js';

/** Review and merge-back methods (spread into the contract's method map). */
export const gitMethods = {
  /** The session's diff against the merge-base with its base branch: stats and the file list. */
  'session.diff': { request: SessionRef.strict(), response: SessionDiff },
  /**
   * Every unarchived session's last known diff totals, answered from the cache without waiting; sessions
   * never computed are computed in the background and arrive as `session.diff` events.
   */
  'session.diffStatsAll': { request: z.object({}).strict(), response: z.object({ diffs: z.array(SessionDiffStats) }) },
  /** One file's patch (path relative to the worktree), or why it is not shown. */
  'session.diffFile': { request: DiffFileRequest, response: FilePatch },
  'session.revertFile': { request: RevertFileRequest, response: SessionDiff },
  /** Take one hunk's change out of a file in the worktree (STALE_HUNK when the file changed since it was shown). */
  'session.revertHunk': { request: RevertHunkRequest, response: SessionDiff },
  /** Lines of a worktree file, for expanding the context around hunks. */
  'session.fileLines': { request: FileLinesRequest, response: FileLines },
  'session.commit': { request: CommitRequest, response: CommitResult },
  'session.discard': { request: DiscardRequest, response: SessionDiff },
  'session.rebase': { request: SessionRef.strict(), response: RebaseResult },
  /** Squash-merge into the base branch. */
  'session.merge': { request: MergeRequest, response: MergeResult },
  /** Push the branch and (with `pr`) open a pull request with gh. */
  'session.push': { request: PushRequest, response: PushResult },
  /** Where `session.push` would push, and whether gh can open a pull request (nothing is pushed). */
  'session.pushTarget': { request: SessionRef.strict(), response: PushTarget },
  'session.diskUsage': { request: SessionRef.strict(), response: DiskUsage },
  /** Worktree folders no session knows, and sessions whose worktree is gone; nothing is deleted. */
  'worktrees.report': { request: z.object({}).strict(), response: WorktreeReport },
  /**
   * Removes one folder the report lists as an orphan (an absolute path under a worktree location that no
   * session knows): a git worktree with `git worktree remove` and `prune` (its branch is kept), a plain
   * folder deleted. Anything else is refused (INVALID_PATH outside the location, INVALID_STATE a session's).
   */
  'worktrees.removeOrphan': { request: RemoveOrphanRequest, response: OrphanRemoval },
  'repo.getSettings': { request: RepoSettingsRequest, response: RepoSettings },
  'repo.setSettings': { request: RepoSettingsPatch, response: RepoSettings },
} as const;

/** Review events (spread into the contract's event map). */
export const gitEvents = {
  /** A session's diff stats changed (or could not be computed: `error`). */
  'session.diff': SessionDiffStats,
} as const;
