import { agentEventSummary, type AgentEvent } from '../../shared/agent-events.js';
import type { ContractClient } from '../../shared/contract-client.js';
import { isEnded } from '../../shared/session-state.js';
import { UsageError, type CommandContext } from './commands.js';

export const EVENTS_HELP = `  events ID [--follow] [--json]   what the agent did: messages, tool calls, files (--json: JSONL, one
                          event per line; --follow: new ones as they come, until the session ends or Ctrl-C)`;

const PAGE = 1000;
/** After the agent exits, its last transcript lines are read a moment later: wait this long for them. */
const END_GRACE_MS = 1500;

function line(event: AgentEvent, asJson: boolean): string {
  if (asJson) return JSON.stringify(event);
  const time = new Date(event.at).toTimeString().slice(0, 8);
  return `${time}  ${event.kind.padEnd(17)}  ${agentEventSummary(event)}`;
}

/** Prints every event after `after`, page by page; returns the last seq printed. */
async function printAfter(ctx: CommandContext, id: string, after: number): Promise<number> {
  let last = after;
  for (;;) {
    const { events } = await ctx.client.invoke('session.agentEvents', { id, after: last, limit: PAGE });
    for (const event of events) ctx.out(line(event, ctx.flags.json === true));
    if (events.length > 0) last = events.at(-1)!.seq;
    if (events.length < PAGE) return last;
  }
}

/** Resolves when the session has ended (or is gone); listening starts before the check, so no end is missed. */
function ended(client: ContractClient, id: string): { done: Promise<void>; stop(): void } {
  let settle = () => {};
  const done = new Promise<void>((resolve) => (settle = resolve));
  const offs = [
    client.on('session.status', ({ session }) => session.id === id && isEnded(session.status) && settle()),
    client.on('session.removed', (e) => e.id === id && settle()),
  ];
  return { done, stop: () => offs.forEach((off) => off()) };
}

/** `flotilla events ID [--follow] [--json]`. */
export const eventsCommands: Record<string, (ctx: CommandContext) => Promise<void>> = {
  async events(ctx) {
    const ref = ctx.positionals[0];
    if (!ref) throw new UsageError('usage: flotilla events ID [--follow] [--json]');
    const session = await ctx.client.invoke('session.get', { id: ref });
    if (ctx.flags.follow !== true) {
      await printAfter(ctx, session.id, 0);
      return;
    }
    // Listen first, then print what is stored: a pushed event with a seq already printed is skipped.
    let last = 0;
    let queue = Promise.resolve();
    const off = ctx.client.on('session.agentEvent', (e) => {
      if (e.id !== session.id) return;
      queue = queue.then(() => {
        for (const event of e.events) {
          if (event.seq <= last) continue;
          ctx.out(line(event, ctx.flags.json === true));
          last = event.seq;
        }
      });
    });
    const end = ended(ctx.client, session.id);
    try {
      queue = queue.then(async () => {
        last = await printAfter(ctx, session.id, last);
      });
      await queue;
      const current = await ctx.client.invoke('session.get', { id: session.id });
      if (!isEnded(current.status)) await end.done;
      await new Promise((resolve) => setTimeout(resolve, END_GRACE_MS));
      queue = queue.then(async () => {
        last = await printAfter(ctx, session.id, last).catch(() => last);
      });
      await queue;
    } finally {
      off();
      end.stop();
    }
  },
};
