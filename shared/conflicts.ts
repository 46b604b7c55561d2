import { z } from 'zod';

// Conflict forecast (issue 15): which live sessions of a repository would conflict with their base or with
// each other, from `git merge-tree --write-tree` (no checkout or index touched).

/** Two sessions (or a session and its base branch) that would conflict if both were merged. */
export const ConflictPair = z.object({
  repoPath: z.string(),
  a: z.string(),
  /** The other session, or null: `a` conflicts with its base branch as it is now. */
  b: z.string().nullable(),
  /** `a`'s base branch. */
  baseBranch: z.string(),
  /** The files that would conflict (sorted, unique). */
  files: z.array(z.string()),
});
export type ConflictPair = z.infer<typeof ConflictPair>;

/** The forecast of every repository (or one): only conflicting pairs are listed. */
export const ConflictForecast = z.object({
  pairs: z.array(ConflictPair),
  /** When the last pass finished (null: none yet). */
  computedAt: z.string().nullable(),
  /** Live sessions left out of the last pass, and why (their worktree could not be read). */
  skipped: z.array(z.object({ id: z.string(), reason: z.string() })),
});
export type ConflictForecast = z.infer<typeof ConflictForecast>;

/** Conflict forecast methods (spread into the contract's method map). */
export const conflictMethods = {
  /**
   * The forecast, brought up to date first: only sessions whose diff changed since the last pass are
   * snapshotted again, and only pairs whose commits changed are merged again (the rest come from the cache).
   */
  'conflicts.list': {
    request: z.object({ repoPath: z.string().min(1).optional() }).strict(),
    response: ConflictForecast,
  },
} as const;

/** Conflict forecast events (spread into the contract's event map). */
export const conflictEvents = {
  /** A repository's conflicting pairs changed (its whole list, possibly empty). */
  'conflicts.changed': z.object({ repoPath: z.string(), pairs: z.array(ConflictPair), computedAt: z.string() }),
} as const;
