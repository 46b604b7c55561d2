import type { CommandContext } from './commands.js';

// ports, heavy folders and disk totals per repository.

/** This file's lines of `flotilla --help` (two-space indent, like the others). */
export const WORKTREE_COST_HELP = '';

/** The flags these commands take (merged into the CLI's parseArgs options). */
export const WORKTREE_COST_OPTIONS = {} as const;

export const worktreeCostCommands: Record<string, (ctx: CommandContext) => Promise<void>> = {};
