import type { CommandContext } from './commands.js';
import { UsageError } from './commands.js';
import { formatTable } from './format.js';

/** `flotilla choose ID K` and `flotilla profiles`: answering with a specific option, and the saved provider profiles. */
export const agentCommands: Record<string, (ctx: CommandContext) => Promise<void>> = {
  async choose(ctx) {
    const [id, k] = ctx.positionals;
    const option = Number(k);
    if (!id || !Number.isInteger(option) || option < 1) throw new UsageError('usage: flotilla choose ID K   (K: the option number, from 1)');
    const session = await ctx.client.invoke('session.choose', { id, option });
    ctx.out(`chose option ${option} for ${session.id}`);
  },

  async profiles(ctx) {
    const { profiles } = await ctx.client.invoke('profiles.list', {});
    if (ctx.flags.json) {
      ctx.out(JSON.stringify(profiles, null, 2));
      return;
    }
    if (profiles.length === 0) {
      ctx.out('no provider profiles');
      return;
    }
    const rows = profiles.map((p) => [p.id, p.provider, p.name, p.model ?? '-', p.binaryPath ?? '(found on PATH)', p.extraArgs.join(' ')]);
    ctx.out(formatTable([['ID', 'PROVIDER', 'NAME', 'MODEL', 'BINARY', 'ARGS'], ...rows]));
  },
};
