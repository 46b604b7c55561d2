import type { ReviewComment } from '../../shared/review-comments.js';
import type { CommandContext } from './commands.js';
import { UsageError } from './commands.js';

// `flotilla review ID --file F --line N "comment"`, `flotilla review ID --send`.

/** This file's lines of `flotilla --help` (two-space indent, like the others). */
export const REVIEW_HELP = `  review ID --file F --line N[-M] [--old] "COMMENT"
                          a draft comment on lines of the session's diff (--old: deleted lines, numbered as
                          in the base); prints its id
  review ID [--json]      the session's comments in diff order: file:line, state (draft, sent, stale), text
  review ID --send        type every draft into the agent as one message (queued until it is idle)
  review ID --rm CID      remove a comment`;

/** The flags these commands take (merged into the CLI's parseArgs options). */
export const REVIEW_OPTIONS = {
  file: { type: 'string' },
  line: { type: 'string' },
  old: { type: 'boolean' },
  send: { type: 'boolean' },
  rm: { type: 'string' },
} as const;

const USAGE = 'usage: flotilla review ID [--file F --line N[-M] [--old] "COMMENT" | --send | --rm CID | --json]';

function lines(raw: string): { startLine: number; endLine: number } {
  const match = /^(\d+)(?:-(\d+))?$/.exec(raw);
  const startLine = Number(match?.[1]);
  const endLine = match?.[2] === undefined ? startLine : Number(match[2]);
  if (!match || startLine < 1 || endLine < startLine)
    throw new UsageError(`--line takes N or N-M (N <= M), not ${raw}`);
  return { startLine, endLine };
}

function label(c: ReviewComment): string {
  const range = c.endLine > c.startLine ? `${c.startLine}-${c.endLine}` : `${c.startLine}`;
  return `${c.file}:${range}${c.side === 'old' ? ' (old)' : ''}`;
}

async function add(ctx: CommandContext, id: string, file: string): Promise<void> {
  const body = ctx.positionals.slice(1).join(' ').trim();
  if (typeof ctx.flags.line !== 'string' || !body) throw new UsageError(USAGE);
  const side = ctx.flags.old ? 'old' : 'new';
  const comment = await ctx.client.invoke('review.add', { id, file, ...lines(ctx.flags.line), side, body });
  if (ctx.flags.json) return ctx.out(JSON.stringify(comment, null, 2));
  ctx.out(comment.id);
}

async function list(ctx: CommandContext, id: string): Promise<void> {
  const { comments } = await ctx.client.invoke('review.list', { id });
  if (ctx.flags.json) return ctx.out(JSON.stringify(comments, null, 2));
  if (comments.length === 0) return ctx.out('no review comments');
  const width = Math.max(...comments.map((c) => label(c).length));
  for (const c of comments) {
    const state = c.stale ? `${c.state}, stale` : c.state;
    ctx.out(`${c.id}  ${label(c).padEnd(width)}  ${state.padEnd(11)}  ${c.body.replace(/\s*\n\s*/g, ' ')}`);
  }
}

async function review(ctx: CommandContext): Promise<void> {
  const id = ctx.positionals[0];
  if (!id) throw new UsageError(USAGE);
  const { file, send, rm } = ctx.flags;
  if ([typeof file === 'string', send === true, typeof rm === 'string'].filter(Boolean).length > 1)
    throw new UsageError(`--file, --send and --rm go one at a time; ${USAGE}`);
  if (typeof file === 'string') return add(ctx, id, file);
  if (send === true) {
    const sent = await ctx.client.invoke('review.send', { id });
    if (ctx.flags.json) return ctx.out(JSON.stringify(sent, null, 2));
    return ctx.out(`sent ${sent.sent} comment${sent.sent === 1 ? '' : 's'} (message ${sent.messageId})`);
  }
  if (typeof rm === 'string') {
    const { comments } = await ctx.client.invoke('review.remove', { id, commentId: rm });
    return ctx.out(`removed ${rm}; ${comments.length} left`);
  }
  if (ctx.positionals.length > 1) throw new UsageError(USAGE);
  return list(ctx, id);
}

export const reviewCommands: Record<string, (ctx: CommandContext) => Promise<void>> = { review };
