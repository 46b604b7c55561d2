import type { CommandContext } from './commands.js';

// `flotilla review ID --file F --line N "comment"`, `flotilla review ID --send`.

/** This file's lines of `flotilla --help` (two-space indent, like the others). */
export const REVIEW_HELP = '';

/** The flags these commands take (merged into the CLI's parseArgs options). */
export const REVIEW_OPTIONS = {} as const;

export const reviewCommands: Record<string, (ctx: CommandContext) => Promise<void>> = {};
