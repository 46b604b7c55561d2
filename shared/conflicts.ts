// Conflict forecast (issue 15): which live sessions of a repository would conflict with their base or with
// each other, from `git merge-tree --write-tree` (no checkout or index touched).

/** Conflict forecast methods (spread into the contract's method map). */
export const conflictMethods = {} as const;

/** Conflict forecast events (spread into the contract's event map). */
export const conflictEvents = {} as const;
