import type { CommandContext } from './commands.js';

// `flotilla conflicts [--json]`.

/** This file's lines of `flotilla --help` (two-space indent, like the others). */
export const CONFLICT_HELP = '';

/** The flags these commands take (merged into the CLI's parseArgs options). */
export const CONFLICT_OPTIONS = {} as const;

export const conflictCommands: Record<string, (ctx: CommandContext) => Promise<void>> = {};
