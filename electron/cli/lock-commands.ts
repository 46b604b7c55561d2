import type { CommandContext } from './commands.js';

/** Filled in by the coordination work of issue 14. */
export const lockCommands: Record<string, (ctx: CommandContext) => Promise<void>> = {};
