import { existsSync } from 'node:fs';
import { launchOpen } from '../open-tool/launch-open.js';
import { resolveOpenCommand } from '../open-tool/open-command.js';
import type { CommandContext } from './commands.js';
import { UsageError } from './commands.js';
import { CliError } from './connect.js';

/**
 * `flotilla open ID [--terminal]`: the session's worktree in the user's editor (or a terminal emulator
 * there), started by the CLI on this machine with argv and detached; a terminal editor ($EDITOR=vim) runs
 * in this terminal instead. The editor and terminal commands come from the host's Settings.
 */
export const openCommands: Record<string, (ctx: CommandContext) => Promise<void>> = {
  async open(ctx) {
    const id = ctx.positionals[0];
    if (!id || ctx.positionals.length > 1) throw new UsageError('usage: flotilla open ID [--terminal]');
    const session = await ctx.client.invoke('session.get', { id });
    const worktree = session.worktreePath;
    if (!existsSync(worktree)) {
      throw new CliError(
        `the worktree ${worktree} of ${session.id} is not on this machine (removed, or the host runs elsewhere)`,
      );
    }
    const settings = await ctx.client.invoke('settings.get', {});
    const target = ctx.flags.terminal === true ? 'terminal' : 'editor';
    const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
    const plan = await resolveOpenCommand({ target, worktree, settings, env: process.env, interactive });
    if (plan.mode === 'detached')
      ctx.out(`opening ${worktree} with ${[plan.file, ...plan.args].join(' ')} (${plan.source})`);
    await launchOpen(plan, worktree, process.env);
  },
};
