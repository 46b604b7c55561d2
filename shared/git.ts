import { z } from 'zod';
import { SessionRef } from './session.js';

export const FileStatus = z.enum(['added', 'modified', 'deleted', 'renamed']);
export type FileStatus = z.infer<typeof FileStatus>;

/** One changed file of a session's diff against the merge-base with its base branch. */
export const DiffFile = z.object({
  path: z.string(),
  /** The previous path of a renamed file. */
  oldPath: z.string().nullable(),
  status: FileStatus,
  additions: z.number().int(),
  deletions: z.number().int(),
  /** Git sees no text lines to count (a binary file, or a text file above the diff size limit). */
  binary: z.boolean(),
  /** Left out of the diff for its size (an untracked file above the limit); `size` says how big. */
  large: z.boolean(),
  size: z.number().int().nullable(),
  submodule: z.boolean(),
  /** The worktree changes it beyond the branch's last commit (uncommitted or untracked): what Commit… takes. */
  uncommitted: z.boolean(),
});
export type DiffFile = z.infer<typeof DiffFile>;

/**
 * What is wrong with the session's base branch, so the card can say so before the user tries to merge.
 * Commits behind (the base moved) are DiffSummary.behind.
 */
export const BaseStatus = z.object({
  branch: z.string(),
  /** The branch no longer exists (deleted or renamed outside Flotilla): no diff, and nothing can merge into it. */
  missing: z.boolean(),
  /** A checkout of the branch (usually the user's own) with uncommitted changes: Merge into base is refused until it is clean. */
  dirtyCheckout: z.object({ path: z.string(), changedFiles: z.number().int() }).nullable(),
});
export type BaseStatus = z.infer<typeof BaseStatus>;

/** What the cards show: totals, and the base branch's state. */
export const DiffSummary = z.object({
  /** The merge-base commit the diff is taken against. */
  base: z.string(),
  changedFiles: z.number().int(),
  additions: z.number().int(),
  deletions: z.number().int(),
  /** Commits on the session branch not in its base, and on the base not in the branch (the base moved). */
  ahead: z.number().int(),
  behind: z.number().int(),
  /** Absent from hosts that predate it. When `missing`, `base` is empty and the counts are 0: there is nothing to diff against. */
  baseStatus: BaseStatus.optional(),
  /**
   * Every change of the session is already in its base (squash-merged, here or by hand): merging again
   * would change nothing. Absent from hosts that predate it.
   */
  merged: z.boolean().optional(),
  computedAt: z.string(),
});
export type DiffSummary = z.infer<typeof DiffSummary>;

/** A session's last known totals (null until computed), or why they could not be computed. */
export const SessionDiffStats = z.object({
  id: z.string(),
  stats: DiffSummary.nullable(),
  error: z.string().nullable(),
});
export type SessionDiffStats = z.infer<typeof SessionDiffStats>;

export const SessionDiff = DiffSummary.extend({
  id: z.string(),
  baseBranch: z.string(),
  /** The session branch's commit (uncommitted and untracked files come on top of it). */
  head: z.string(),
  /** The file list stops at a limit; `changedFiles` still counts every file. */
  truncated: z.boolean(),
  files: z.array(DiffFile),
});
export type SessionDiff = z.infer<typeof SessionDiff>;

/** One file's patch, or why it is not shown (with sizes so the viewer can say how big). */
export const FilePatch = z.object({
  path: z.string(),
  oldPath: z.string().nullable(),
  kind: z.enum(['text', 'binary', 'large', 'unchanged']),
  /** Unified diff text; empty unless kind is `text`. */
  patch: z.string(),
  oldSize: z.number().int().nullable(),
  newSize: z.number().int().nullable(),
  /** The patch's size in bytes when it was too large to send. */
  patchSize: z.number().int().nullable(),
});
export type FilePatch = z.infer<typeof FilePatch>;

/** A path inside the session's worktree, relative to its top level. */
export const WorktreeRelativePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'path may not contain NUL');

export const DiffFileRequest = SessionRef.extend({ path: WorktreeRelativePath }).strict();
export const RevertFileRequest = SessionRef.extend({ path: WorktreeRelativePath }).strict();

export const CommitRequest = SessionRef.extend({
  message: z.string().trim().min(1).max(20_000),
  /** Only these files (all changes when absent). */
  paths: z.array(WorktreeRelativePath).min(1).max(10_000).optional(),
}).strict();

export const CommitResult = z.object({ commit: z.string(), files: z.number().int() });
export type CommitResult = z.infer<typeof CommitResult>;

export const DiscardRequest = SessionRef.extend({
  /** Also drop the agent's commits (reset the branch to the merge-base), not only uncommitted work. */
  commits: z.boolean().default(false),
}).strict();

export const RebaseResult = z.object({ head: z.string(), onto: z.string(), upToDate: z.boolean() });
export type RebaseResult = z.infer<typeof RebaseResult>;

export const MergeRequest = SessionRef.extend({
  message: z.string().trim().min(1).max(20_000),
  /**
   * Merge although the latest validation of the session's head failed or is missing (the user confirmed it);
   * the override is recorded in the session's history.
   */
  override: z.boolean().default(false),
}).strict();

export const MergeResult = z.object({
  /** The new squash commit on the base branch. */
  commit: z.string(),
  baseBranch: z.string(),
  previous: z.string(),
  /** The checkout of the base branch that was updated to the new commit, if any. */
  updatedCheckout: z.string().nullable(),
});
export type MergeResult = z.infer<typeof MergeResult>;

export const PushRequest = SessionRef.extend({
  /** Open a pull request with `gh` after pushing (needs gh). */
  pr: z.boolean().default(true),
  title: z.string().trim().min(1).max(500).optional(),
  body: z.string().max(50_000).optional(),
}).strict();

/** Where a push would go, before trying: a missing remote or gh is named so the viewer can explain it. */
export const PushTarget = z.object({
  /** The remote the branch would be pushed to (null: the repo has none). */
  remote: z.string().nullable(),
  /** The GitHub CLI was found on the host's PATH, so a pull request can be opened. */
  gh: z.boolean(),
});
export type PushTarget = z.infer<typeof PushTarget>;

export const PushResult = z.object({
  remote: z.string(),
  branch: z.string(),
  /** The pull request's address, when one was opened. */
  prUrl: z.string().nullable(),
});
export type PushResult = z.infer<typeof PushResult>;

/** One hunk of a file's patch as the viewer showed it (see shared/patch-hunks.ts for the hash). */
export const RevertHunkRequest = SessionRef.extend({
  path: WorktreeRelativePath,
  header: z.string().min(5).max(10_000).startsWith('@@ -'),
  hash: z.string().regex(/^[0-9a-f]{16}$/),
}).strict();

/** Lines of a worktree file (1-based, inclusive), at most MAX_FILE_LINES at a time. */
export const MAX_FILE_LINES = 10_000;
export const FileLinesRequest = SessionRef.extend({
  path: WorktreeRelativePath,
  start: z.number().int().min(1),
  end: z.number().int().min(1),
})
  .strict()
  .refine((r) => r.end >= r.start && r.end - r.start < MAX_FILE_LINES, 'end must be within 10,000 lines after start');

export const FileLines = z.object({
  path: z.string(),
  start: z.number().int(),
  /** The lines from `start` on (fewer than asked at the end of the file), without their newlines. */
  lines: z.array(z.string()),
  totalLines: z.number().int(),
});
export type FileLines = z.infer<typeof FileLines>;
