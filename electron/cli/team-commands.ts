import { CliError } from './connect.js';
import { UsageError, type CommandContext } from './commands.js';
import { me } from './me.js';
import { formatActivity, formatTeam, formatTeamStatus } from './team-format.js';

function json(ctx: CommandContext, value: unknown): void {
  ctx.out(JSON.stringify(value, null, 2));
}

function stringFlag(ctx: CommandContext, name: string): string | undefined {
  const value = ctx.flags[name];
  return typeof value === 'string' ? value : undefined;
}

/** --wait SECONDS: a whole number of seconds, at least 1. */
function waitSeconds(ctx: CommandContext): number | undefined {
  const raw = stringFlag(ctx, 'wait');
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  if (!/^\d+$/.test(raw) || seconds < 1) throw new UsageError('--wait takes a whole number of seconds (1 or more)');
  return seconds;
}

function target(ctx: CommandContext, command: string): string {
  const id = ctx.positionals[0];
  if (!id) throw new UsageError(`usage: flotilla ${command} ID`);
  return id;
}

/**
 * The team commands (issue 14): they speak for the session they run in ($FLOTILLA_SESSION_ID) or `--as ID`.
 * `spawn` prints the child's id alone on the first line, so a script can take it with `head -1`.
 */
export const teamCommands: Record<string, (ctx: CommandContext) => Promise<void>> = {
  async spawn(ctx) {
    const parentId = me(ctx, 'spawn');
    const prompt = ctx.positionals.join(' ');
    const wait = waitSeconds(ctx);
    const name = stringFlag(ctx, 'name');
    const provider = stringFlag(ctx, 'provider');
    const base = stringFlag(ctx, 'base');
    const child = await ctx.client.invoke('session.spawn', {
      parentId,
      prompt,
      sameWorktree: ctx.flags['same-worktree'] === true,
      ...(name !== undefined ? { name } : {}),
      ...(provider !== undefined ? { provider } : {}),
      ...(base !== undefined ? { baseBranch: base } : {}),
      ...(wait !== undefined ? { wait } : {}),
      // Without --auto-yes the child takes its parent's.
      ...(ctx.flags['auto-yes'] === true ? { autoYes: true } : {}),
    });
    if (ctx.flags.json) json(ctx, child);
    else {
      ctx.out(child.id);
      const where = child.sharesWorktreeOf
        ? `in the worktree of ${child.sharesWorktreeOf}`
        : `from ${child.baseBranch}`;
      ctx.out(`spawned ${child.name} (${child.status}) on ${child.branch} ${where}`);
    }
    if (child.status === 'failed') throw new CliError(`${child.id}: ${child.error ?? 'failed'}`);
  },

  async children(ctx) {
    const { sessions } = await ctx.client.invoke('session.children', { id: me(ctx, 'children') });
    if (ctx.flags.json) json(ctx, sessions);
    else ctx.out(formatTeam(sessions, 'no children'));
  },

  async others(ctx) {
    const { sessions } = await ctx.client.invoke('session.others', { id: me(ctx, 'others') });
    if (ctx.flags.json) json(ctx, sessions);
    else ctx.out(formatTeam(sessions, 'no other sessions on this repository'));
  },

  /** Exit 0 when no other session works on this repository; else 1, listing them. */
  async alone(ctx) {
    const { sessions } = await ctx.client.invoke('session.others', { id: me(ctx, 'alone') });
    if (sessions.length === 0) return;
    if (ctx.flags.json) json(ctx, sessions);
    else ctx.out(formatTeam(sessions, ''));
    throw new CliError(
      `not alone: ${sessions.length} other session${sessions.length === 1 ? '' : 's'} on this repository`,
    );
  },

  async status(ctx) {
    const status = await ctx.client.invoke('session.team', { id: me(ctx, 'status') });
    if (ctx.flags.json) json(ctx, status);
    else ctx.out(formatTeamStatus(status));
  },

  async name(ctx) {
    const name = ctx.positionals.join(' ').trim();
    if (!name) throw new UsageError('usage: flotilla name "NAME"');
    const session = await ctx.client.invoke('session.update', { id: me(ctx, 'name'), name });
    if (ctx.flags.json) json(ctx, session);
    else ctx.out(`${session.id} is now named ${session.name}`);
  },

  async what(ctx) {
    const activity = await ctx.client.invoke('session.what', { id: target(ctx, 'what') });
    if (ctx.flags.json) json(ctx, activity);
    else ctx.out(formatActivity(activity));
  },

  async clear(ctx) {
    const id = target(ctx, 'clear');
    await ctx.client.invoke('session.clear', { id });
    ctx.out(`cleared ${id}`);
  },
};
