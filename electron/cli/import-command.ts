import path from 'node:path';
import { ImportAgent, type ImportListResult } from '../../shared/imports.js';
import type { CommandContext } from './commands.js';
import { UsageError } from './commands.js';
import { CliError } from './connect.js';
import { formatSessions, formatTable } from './format.js';

const USAGE =
  'usage: flotilla import --repo PATH [--json] [--limit N] [--profile P]   (list)\n' +
  '       flotilla import --repo PATH ID | --latest [--agent claude|codex] [--name N] [--base B] [--profile P]';

function stringFlag(ctx: CommandContext, name: string): string | undefined {
  const value = ctx.flags[name];
  return typeof value === 'string' ? value : undefined;
}

function formatConversations(list: ImportListResult): string {
  if (list.conversations.length === 0) return `no Claude Code or Codex conversations of ${list.repoPath} found`;
  const rows = [['AGENT', 'ID', 'UPDATED', 'MSGS', 'IMPORTED', 'FIRST PROMPT']];
  for (const c of list.conversations) {
    const first = c.firstPrompt || '(not at the start of its file)';
    const prompt = first.length > 60 ? `${first.slice(0, 59)}…` : first;
    rows.push([
      c.agent,
      c.id,
      c.updatedAt.slice(0, 16).replace('T', ' '),
      String(c.messageCount),
      c.importedBy ?? '-',
      prompt,
    ]);
  }
  const notes = [
    list.truncated ? 'more conversations exist than are listed (--limit N)' : '',
    list.skipped ? `${list.skipped} unreadable file(s) skipped` : '',
  ].filter(Boolean);
  return [formatTable(rows), ...notes].join('\n');
}

/**
 * `flotilla import --repo PATH`: the Claude Code and Codex conversations run in that repository outside
 * Flotilla; with an ID (or --latest) a new session resumes one in a worktree of its own.
 */
export const importCommands: Record<string, (ctx: CommandContext) => Promise<void>> = {
  async import(ctx) {
    const repo = stringFlag(ctx, 'repo');
    if (!repo || ctx.positionals.length > 1) throw new UsageError(USAGE);
    const agent = stringFlag(ctx, 'agent');
    if (agent !== undefined && !ImportAgent.safeParse(agent).success)
      throw new UsageError('--agent must be claude or codex');
    const repoPath = path.resolve(repo);
    const profileId = stringFlag(ctx, 'profile');
    const id = ctx.positionals[0];
    if (!id && ctx.flags.latest !== true) {
      const limit = stringFlag(ctx, 'limit');
      if (limit !== undefined && !/^\d+$/.test(limit)) throw new UsageError('--limit must be a whole number');
      const list = await ctx.client.invoke('import.list', {
        repoPath,
        ...(limit ? { limit: Number(limit) } : {}),
        ...(profileId ? { profileId } : {}),
      });
      ctx.out(ctx.flags.json ? JSON.stringify(list, null, 2) : formatConversations(list));
      return;
    }
    if (id && ctx.flags.latest === true) throw new UsageError('give a conversation ID or --latest, not both');
    const session = await ctx.client.invoke('import.start', {
      repoPath,
      ...(id ? { conversationId: id } : { latest: true }),
      ...(agent ? { agent: agent as ImportAgent } : {}),
      ...(stringFlag(ctx, 'name') ? { name: stringFlag(ctx, 'name') } : {}),
      ...(stringFlag(ctx, 'base') ? { baseBranch: stringFlag(ctx, 'base') } : {}),
      ...(profileId ? { profileId } : {}),
    });
    ctx.out(ctx.flags.json ? JSON.stringify(session, null, 2) : formatSessions([session]));
    if (session.status === 'failed') throw new CliError(`${session.id}: ${session.error ?? 'failed'}`);
  },
};
