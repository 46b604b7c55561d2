import type { MergeQueue } from '../../shared/merge-queue.js';
import type { CommandContext } from './commands.js';
import { UsageError } from './commands.js';
import { CliError } from './connect.js';

// `flotilla merge ID [ID…]`: one session, or a queue landed in order.

/** This file's lines of `flotilla --help` (two-space indent, like the others). */
export const MERGE_QUEUE_HELP = `  merge ID [-m MSG] [--override]   squash-merge into the base branch (refused if its checkout is dirty;
                          --override: merge although its validation failed or is missing)
  merge ID ID... [-m MSG] land several sessions in that order: each is rebased, validated, squash-merged;
                          stops at the first that fails, its branch as it was (exit 1 naming it)`;

/** The flags these commands take (merged into the CLI's parseArgs options). */
export const MERGE_QUEUE_OPTIONS = { override: { type: 'boolean' } } as const;

/** How often the queue is read while waiting, besides its events: a lost event or a closed host is noticed. */
const POLL_MS = 2000;

function messageFlag(ctx: CommandContext): string | undefined {
  const value = ctx.flags.message;
  return typeof value === 'string' && value.trim() ? value : undefined;
}

/** Exactly git-commands' merge (same output and errors), plus --override for the validation gate. */
async function mergeOne(ctx: CommandContext, id: string): Promise<void> {
  const session = await ctx.client.invoke('session.get', { id });
  const fallback = `${session.name}\n\nSquash-merge of ${session.branch} (Flotilla session ${session.id}).`;
  const result = await ctx.client.invoke('session.merge', {
    id,
    message: messageFlag(ctx) ?? fallback,
    override: ctx.flags.override === true,
  });
  if (ctx.flags.json) return ctx.out(JSON.stringify(result, null, 2));
  const checkout = result.updatedCheckout ? `; updated ${result.updatedCheckout}` : '';
  ctx.out(`merged ${session.branch} into ${result.baseBranch} as ${result.commit.slice(0, 10)}${checkout}`);
}

/** Starts the queue, prints one line per session state change as it goes, and fails naming where it stopped. */
async function mergeQueue(ctx: CommandContext, refs: string[]): Promise<void> {
  if (ctx.flags.override) {
    throw new UsageError('--override is for a single merge; a queue runs the validators itself and stops on failure');
  }
  const { sessions } = await ctx.client.invoke('session.list', {});
  const names = new Map(sessions.map((s) => [s.id, s.name]));
  const printed = new Map<string, string>();
  let queueId: string | undefined;
  const early: MergeQueue[] = [];
  let finish: ((queue: MergeQueue | Error) => void) | undefined;
  const ended = new Promise<MergeQueue | Error>((resolve) => (finish = resolve));
  const show = (queue: MergeQueue) => {
    if (queue.id !== queueId) return;
    for (const item of queue.items) {
      const line = describeItem(names.get(item.sessionId) ?? item.sessionId, item);
      if (printed.get(item.sessionId) === item.state) continue;
      printed.set(item.sessionId, item.state);
      if (!ctx.flags.json && item.state !== 'pending') ctx.out(line);
    }
    if (queue.state !== 'running') finish?.(queue);
  };
  // Listen before starting: the first changes may arrive before start's answer.
  const off = ctx.client.on('mergeQueue.changed', ({ queue }) => (queueId ? show(queue) : early.push(queue)));
  const poll = setInterval(() => {
    ctx.client.invoke('mergeQueue.get', {}).then(
      ({ queues }) => queues.forEach(show),
      (error: unknown) => finish?.(error instanceof Error ? error : new CliError(String(error))),
    );
  }, POLL_MS);
  try {
    const message = messageFlag(ctx);
    const started = await ctx.client.invoke('mergeQueue.start', { ids: refs, ...(message ? { message } : {}) });
    queueId = started.id;
    for (const queue of [started, ...early]) show(queue);
    const queue = await ended;
    if (queue instanceof Error) throw queue;
    if (ctx.flags.json) ctx.out(JSON.stringify(queue, null, 2));
    const failed = queue.items.find((i) => i.state === 'failed');
    if (queue.state === 'stopped') {
      const where = failed ?? queue.items.find((i) => i.state === 'skipped');
      const name = where ? (names.get(where.sessionId) ?? where.sessionId) : '?';
      const merged = queue.items.filter((i) => i.state === 'merged').length;
      throw new CliError(
        `merge queue stopped at ${name} (${merged} of ${queue.items.length} merged): ${where?.reason ?? ''}`,
      );
    }
    if (!ctx.flags.json) ctx.out(`merged ${queue.items.length} sessions in order`);
  } finally {
    clearInterval(poll);
    off();
  }
}

function describeItem(name: string, item: MergeQueue['items'][number]): string {
  if (item.state === 'merged') return `${name}: merged as ${item.commit?.slice(0, 10) ?? '?'}`;
  if (item.state === 'failed' || item.state === 'skipped') return `${name}: ${item.state}: ${item.reason ?? ''}`;
  return `${name}: ${item.state}`;
}

export const mergeQueueCommands: Record<string, (ctx: CommandContext) => Promise<void>> = {
  async merge(ctx) {
    const refs = ctx.positionals;
    if (refs.length === 0) throw new UsageError('usage: flotilla merge ID [ID...] [-m MESSAGE] [--override]');
    if (refs.length === 1) return mergeOne(ctx, refs[0]!);
    return mergeQueue(ctx, refs);
  },
};
