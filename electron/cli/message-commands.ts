import type { AgentMessage, MessageMode } from '../../shared/coordination.js';
import { commands, UsageError, type CommandContext } from './commands.js';
import { CliError } from './connect.js';
import { formatTable } from './format.js';
import { me } from './me.js';

// `flotilla send` (a message, queued by mode; --raw types straight into the terminal), `flotilla wait
// --notify` (a watch: a message later, no polling) and `flotilla messages` (a session's timeline).

export const MESSAGE_HELP = `  send ID TEXT [--important | --urgent]   message the session: typed into it when it is next idle at
                          its prompt, saying who sent it (--important: ahead of other messages; --urgent:
                          interrupt it first); --raw [--no-enter]: type TEXT into its terminal now, as keys
  wait ID [SECONDS] --notify   return at once; this session (or --as ID) gets a message when ID goes
                          idle, waits for an answer, ends, or after SECONDS (default 3600)
  messages [ID] [--json]  the messages a session sent and received (default: this session, or --as ID)`;

const DEFAULT_WATCH_SECONDS = 3600;

function modeOf(ctx: CommandContext): MessageMode {
  if (ctx.flags.important && ctx.flags.urgent) throw new UsageError('--important and --urgent: pick one');
  return ctx.flags.urgent ? 'urgent' : ctx.flags.important ? 'important' : 'sequential';
}

async function nameOf(ctx: CommandContext, id: string): Promise<string> {
  try {
    return (await ctx.client.invoke('session.get', { id })).name;
  } catch {
    return id;
  }
}

async function send(ctx: CommandContext): Promise<void> {
  // A message always ends in Enter: --no-enter only makes sense for keys typed raw.
  if (ctx.flags.raw || ctx.flags['no-enter']) return commands.send!(ctx);
  const [id, ...words] = ctx.positionals;
  if (!id || words.length === 0) throw new UsageError('usage: flotilla send ID TEXT [--important | --urgent] [--raw]');
  const message = await ctx.client.invoke('message.send', { id, text: words.join(' '), mode: modeOf(ctx) });
  if (message.state === 'failed')
    throw new CliError(`message ${message.id} failed: ${message.error ?? 'not delivered'}`);
  if (ctx.flags.json) return ctx.out(JSON.stringify(message, null, 2));
  const name = await nameOf(ctx, message.targetId);
  const mode = message.mode === 'sequential' ? '' : ` (${message.mode})`;
  ctx.out(
    message.state === 'delivered'
      ? `delivered message ${message.id}${mode} to ${name}`
      : `queued message ${message.id}${mode} for ${name}`,
  );
}

async function wait(ctx: CommandContext): Promise<void> {
  if (!ctx.flags.notify) return commands.wait!(ctx);
  const [id, rawSeconds] = ctx.positionals;
  if (!id) throw new UsageError('usage: flotilla wait ID [SECONDS] --notify');
  const seconds = rawSeconds === undefined ? DEFAULT_WATCH_SECONDS : Number(rawSeconds);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 7 * 24 * 3600) {
    throw new UsageError('SECONDS must be a whole number from 1 to 604800 (7 days)');
  }
  const watcherId = me(ctx, 'wait --notify');
  await ctx.client.invoke('session.watch', { id, watcherId, seconds });
  const [target, watcher] = await Promise.all([nameOf(ctx, id), nameOf(ctx, watcherId)]);
  ctx.out(
    `${watcher} will get a message when ${target} goes idle, waits for an answer, completes, fails or is removed, or in ${seconds} s`,
  );
}

function direction(message: AgentMessage, id: string): 'in' | 'out' | 'self' {
  if (message.targetId === id) return message.senderId === id ? 'self' : 'in';
  return 'out';
}

async function messages(ctx: CommandContext): Promise<void> {
  const ref = ctx.positionals[0] ?? me(ctx, 'messages');
  const session = await ctx.client.invoke('session.get', { id: ref });
  const { messages: list } = await ctx.client.invoke('message.list', { id: session.id });
  if (ctx.flags.json) return ctx.out(JSON.stringify(list, null, 2));
  if (list.length === 0) return ctx.out(`no messages to or from ${session.name}`);
  const { sessions } = await ctx.client.invoke('session.list', {});
  const names = new Map(sessions.map((s) => [s.id, s.name]));
  const rows = list.map((m) => {
    const dir = direction(m, session.id);
    const peer = dir === 'out' ? `to ${names.get(m.targetId) ?? m.targetId}` : `from ${m.senderName}`;
    const state = m.state === 'failed' ? `failed: ${m.error ?? ''}` : m.state;
    return [new Date(m.createdAt).toTimeString().slice(0, 8), peer, m.mode, state, m.text.replace(/\s+/g, ' ')];
  });
  ctx.out(formatTable([['TIME', 'WHO', 'MODE', 'STATE', 'TEXT'], ...rows]));
}

export const messageCommands: Record<string, (ctx: CommandContext) => Promise<void>> = { send, wait, messages };
