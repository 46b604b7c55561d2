// Worktrees that cost less and don't clash (issue 15): a block of free ports per session, heavy folders
// (node_modules, .venv) brought into new worktrees copy-on-write, disk totals per repository, and removing
// merged sessions' worktrees.

/** Worktree cost methods (spread into the contract's method map). */
export const worktreeCostMethods = {} as const;

/** Worktree cost events (spread into the contract's event map). */
export const worktreeCostEvents = {} as const;
