import type { CommandContext } from './commands.js';

// `flotilla validators add|ls|rm`, `flotilla validate ID`.

/** This file's lines of `flotilla --help` (two-space indent, like the others). */
export const VALIDATION_HELP = '';

/** The flags these commands take (merged into the CLI's parseArgs options). */
export const VALIDATION_OPTIONS = {} as const;

export const validationCommands: Record<string, (ctx: CommandContext) => Promise<void>> = {};
