import { z } from 'zod';

const RelativeFile = z
  .string()
  .min(1)
  .max(1024)
  .refine(
    (p) => !p.startsWith('/') && !p.split('/').includes('..') && !p.includes('\0'),
    'must be a path inside the repository',
  );

/** Per-repository worktree setup, applied to every new session of that repository. */
/**
 * A heavy folder: `clone` copies it copy-on-write (`cp --reflink=auto -a`: shared blocks where the filesystem
 * can, a plain copy where it cannot); `symlink` links the worktree's to the repository's (no copy, shared writes).
 */
export const HeavyFolder = z.object({ path: RelativeFile, mode: z.enum(['clone', 'symlink']) }).strict();
export type HeavyFolder = z.infer<typeof HeavyFolder>;

export const RepoSettings = z.object({
  repoPath: z.string(),
  /** Files or folders copied from the repository into each new worktree (e.g. `.env`), usually ignored ones. */
  copyFiles: z.array(RelativeFile).max(100),
  /**
   * Run in the new worktree before the agent starts, as an argv split into words like a shell would
   * (quotes and backslashes) but never through a shell; write `sh -c "a && b"` to use one. Empty: none.
   */
  setupCommand: z.string().max(4096),
  setupTimeoutSec: z.number().int().min(1).max(3600),
  /** Folders brought into each new worktree without a fresh install (node_modules, .venv): see HeavyFolder. */
  heavyFolders: z.array(HeavyFolder).max(20),
});
export type RepoSettings = z.infer<typeof RepoSettings>;

export const RepoSettingsRequest = z.object({ repoPath: z.string().min(1).max(4096) }).strict();
export const RepoSettingsPatch = z
  .object({
    repoPath: z.string().min(1).max(4096),
    copyFiles: RepoSettings.shape.copyFiles.optional(),
    setupCommand: RepoSettings.shape.setupCommand.optional(),
    setupTimeoutSec: RepoSettings.shape.setupTimeoutSec.optional(),
    heavyFolders: RepoSettings.shape.heavyFolders.optional(),
  })
  .strict();
export type RepoSettingsPatch = z.infer<typeof RepoSettingsPatch>;

export const DiskUsage = z.object({
  id: z.string(),
  worktreePath: z.string(),
  /** Space taken on disk (allocated blocks), ignored files such as node_modules included. */
  bytes: z.number().int(),
  files: z.number().int(),
});
export type DiskUsage = z.infer<typeof DiskUsage>;

/** A folder under the worktree root that no session knows (left by a crash, or made by another tool). */
export const OrphanWorktree = z.object({
  path: z.string(),
  /** The repository it belongs to, when it is a git worktree. */
  repoPath: z.string().nullable(),
  branch: z.string().nullable(),
  bytes: z.number().int(),
});
export type OrphanWorktree = z.infer<typeof OrphanWorktree>;

export const WorktreeReport = z.object({
  orphans: z.array(OrphanWorktree),
  /** Sessions whose worktree folder is gone. */
  missing: z.array(z.object({ id: z.string(), worktreePath: z.string() })),
});
export type WorktreeReport = z.infer<typeof WorktreeReport>;

export const RemoveOrphanRequest = z.object({ path: z.string().min(1).max(4096) }).strict();
export type RemoveOrphanRequest = z.infer<typeof RemoveOrphanRequest>;

/** What `worktrees.removeOrphan` took off the disk. */
export const OrphanRemoval = z.object({
  path: z.string(),
  /** `worktree`: removed with git (and pruned from its repository); `folder`: a plain folder, deleted. */
  kind: z.enum(['worktree', 'folder']),
  repoPath: z.string().nullable(),
  /** The worktree's branch, which stays in its repository (delete it with `git branch -D` if unwanted). */
  branch: z.string().nullable(),
  bytes: z.number().int(),
});
export type OrphanRemoval = z.infer<typeof OrphanRemoval>;
