import type { CommandContext } from './commands.js';

// `flotilla merge ID [ID…]`: one session, or a queue landed in order.

/** This file's lines of `flotilla --help` (two-space indent, like the others). */
export const MERGE_QUEUE_HELP = '';

/** The flags these commands take (merged into the CLI's parseArgs options). */
export const MERGE_QUEUE_OPTIONS = {} as const;

export const mergeQueueCommands: Record<string, (ctx: CommandContext) => Promise<void>> = {};
