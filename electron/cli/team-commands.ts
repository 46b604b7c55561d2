import type { CommandContext } from './commands.js';

/** Filled in by the coordination work of issue 14. */
export const teamCommands: Record<string, (ctx: CommandContext) => Promise<void>> = {};
