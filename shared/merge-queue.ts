// Merge queue (issue 15): several sessions landed in order: rebase on the current base, validate, squash-merge;
// stops at the first conflict or failure and leaves that session's branch as it was.

/** Merge queue methods (spread into the contract's method map). */
export const mergeQueueMethods = {} as const;

/** Merge queue events (spread into the contract's event map). */
export const mergeQueueEvents = {} as const;
