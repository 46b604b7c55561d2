import { UsageError, type CommandContext } from './commands.js';

/**
 * The session a coordination command speaks for: `--as ID` (a person driving a session from outside), else
 * the session the command runs in (FLOTILLA_SESSION_ID, set in every agent's environment).
 */
export function me(ctx: CommandContext, command: string, env: NodeJS.ProcessEnv = process.env): string {
  const id = (typeof ctx.flags.as === 'string' && ctx.flags.as) || env.FLOTILLA_SESSION_ID;
  if (!id) throw new UsageError(`flotilla ${command}: run it inside a Flotilla session, or name the session with --as ID`);
  return id;
}
