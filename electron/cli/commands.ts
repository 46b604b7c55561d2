import type { ContractClient } from '../../shared/contract-client.js';
import { SessionStatus, type BatchResult, type Session } from '../../shared/session.js';
import { isEnded, isLive } from '../../shared/session-state.js';
import { CliError } from './connect.js';
import { formatSession, formatSessions } from './format.js';

export interface CommandContext {
  client: ContractClient;
  positionals: string[];
  flags: Record<string, string | boolean | undefined>;
  out(text: string): void;
}

export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2);
  }
}

function json(ctx: CommandContext, value: unknown): void {
  ctx.out(JSON.stringify(value, null, 2));
}

function requireId(ctx: CommandContext, command: string): string {
  const id = ctx.positionals[0];
  if (!id) throw new UsageError(`usage: flotilla ${command} ID`);
  return id;
}

function intFlag(ctx: CommandContext, name: string, fallback: number): number {
  const raw = ctx.flags[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new UsageError(`--${name} must be a whole number`);
  return value;
}

async function targets(ctx: CommandContext, command: string, eligible: (s: Session) => boolean): Promise<string[]> {
  if (ctx.flags.all) {
    const { sessions } = await ctx.client.invoke('session.list', {});
    return sessions.filter(eligible).map((s) => s.id);
  }
  if (ctx.positionals.length === 0) throw new UsageError(`usage: flotilla ${command} ID... | --all`);
  return ctx.positionals;
}

function reportBatch(ctx: CommandContext, verb: string, batch: BatchResult): void {
  if (ctx.flags.json) json(ctx, batch.results);
  const failed = batch.results.filter((r) => !r.ok);
  if (!ctx.flags.json) {
    for (const r of batch.results) if (r.ok) ctx.out(`${verb} ${r.id} (${r.session?.status ?? ''})`);
  }
  if (failed.length > 0) throw new CliError(failed.map((r) => `${r.id}: ${r.error ?? 'failed'}`).join('\n'));
}

const live = (s: Session) => isLive(s.status);

export const commands: Record<string, (ctx: CommandContext) => Promise<void>> = {
  async new(ctx) {
    const repo = ctx.flags.repo;
    if (typeof repo !== 'string') {
      throw new UsageError(
        'usage: flotilla new --repo PATH [--prompt TEXT] [--provider ID] [--profile ID|NAME] [--count N] [--auto-yes]',
      );
    }
    const { sessions } = await ctx.client.invoke('session.create', {
      repoPath: repo,
      ...(typeof ctx.flags.base === 'string' ? { baseBranch: ctx.flags.base } : {}),
      ...(typeof ctx.flags.provider === 'string' ? { provider: ctx.flags.provider } : {}),
      ...(typeof ctx.flags.profile === 'string' ? { profileId: ctx.flags.profile } : {}),
      ...(typeof ctx.flags.name === 'string' ? { name: ctx.flags.name } : {}),
      prompt: typeof ctx.flags.prompt === 'string' ? ctx.flags.prompt : '',
      count: intFlag(ctx, 'count', 1),
      // Without --auto-yes the host's autoYesDefault setting decides.
      ...(ctx.flags['auto-yes'] === true ? { autoYes: true } : {}),
    });
    if (ctx.flags.json) json(ctx, sessions);
    else ctx.out(formatSessions(sessions));
    const failed = sessions.filter((s) => s.status === 'failed');
    if (failed.length > 0) throw new CliError(failed.map((s) => `${s.id}: ${s.error ?? 'failed'}`).join('\n'));
  },

  async ls(ctx) {
    const { sessions } = await ctx.client.invoke('session.list', {});
    if (ctx.flags.json) json(ctx, sessions);
    else ctx.out(formatSessions(sessions));
  },

  async show(ctx) {
    const id = requireId(ctx, 'show');
    const session = await ctx.client.invoke('session.get', { id });
    const { events } = await ctx.client.invoke('session.events', { id: session.id });
    if (ctx.flags.json) {
      // The latest validation, without the output tails (`flotilla validate ID --json` has those).
      const report = await ctx.client.invoke('validation.get', { id: session.id });
      const results = report.results.map(({ name, status, durationMs, exitCode }) => ({
        name,
        status,
        durationMs,
        exitCode,
      }));
      json(ctx, { ...session, events, validation: { status: report.status, head: report.head, results } });
    } else ctx.out(formatSession(session, events));
  },

  async screen(ctx) {
    const screen = await ctx.client.invoke('session.screen', { id: requireId(ctx, 'screen') });
    if (ctx.flags.json) json(ctx, screen);
    else ctx.out(ctx.flags.ansi ? screen.ansi : screen.text);
  },

  async send(ctx) {
    const [id, ...words] = ctx.positionals;
    if (!id || words.length === 0) throw new UsageError('usage: flotilla send ID TEXT');
    await ctx.client.invoke('session.send', { id, text: words.join(' '), enter: ctx.flags['no-enter'] !== true });
  },

  async approve(ctx) {
    const session = await ctx.client.invoke('session.approve', { id: requireId(ctx, 'approve') });
    ctx.out(`approved ${session.id}`);
  },

  async deny(ctx) {
    const session = await ctx.client.invoke('session.deny', { id: requireId(ctx, 'deny') });
    ctx.out(`denied ${session.id}`);
  },

  async pause(ctx) {
    reportBatch(ctx, 'paused', await ctx.client.invoke('session.pause', { ids: await targets(ctx, 'pause', live) }));
  },

  async resume(ctx) {
    const ids = await targets(ctx, 'resume', (s) => s.status === 'paused');
    reportBatch(ctx, 'resumed', await ctx.client.invoke('session.resume', { ids }));
  },

  async restart(ctx) {
    const ids = await targets(ctx, 'restart', (s) => isEnded(s.status) && !s.archivedAt);
    reportBatch(ctx, 'restarted', await ctx.client.invoke('session.restart', { ids }));
  },

  async kill(ctx) {
    const ids = await targets(ctx, 'kill', (s) => !isEnded(s.status));
    reportBatch(ctx, 'terminated', await ctx.client.invoke('session.kill', { ids }));
  },

  async rm(ctx) {
    const id = requireId(ctx, 'rm');
    await ctx.client.invoke('session.remove', { id, force: ctx.flags.force === true });
    ctx.out(`removed ${id}`);
  },

  async archive(ctx) {
    const session = await ctx.client.invoke('session.archive', { id: requireId(ctx, 'archive'), archived: true });
    ctx.out(`archived ${session.id}`);
  },

  async unarchive(ctx) {
    const session = await ctx.client.invoke('session.archive', { id: requireId(ctx, 'unarchive'), archived: false });
    ctx.out(`unarchived ${session.id}`);
  },

  async wait(ctx) {
    const id = requireId(ctx, 'wait');
    const wanted = SessionStatus.safeParse(ctx.flags.status);
    if (!wanted.success) throw new UsageError(`--status must be one of: ${SessionStatus.options.join(', ')}`);
    const timeoutMs = intFlag(ctx, 'timeout', 60) * 1000;
    const session = await waitForStatus(ctx.client, id, wanted.data, timeoutMs);
    if (ctx.flags.json) json(ctx, session);
    else ctx.out(`${session.id} is ${session.status}`);
  },
};

/** Resolves when the session reaches `status`; fails if it ends in another status or the time runs out. */
async function waitForStatus(
  client: ContractClient,
  ref: string,
  status: SessionStatus,
  timeoutMs: number,
): Promise<Session> {
  let settle: ((session: Session | Error) => void) | undefined;
  const outcome = new Promise<Session | Error>((resolve) => (settle = resolve));
  let id: string | undefined;
  const check = (session: Session) => {
    if (id !== undefined && session.id !== id) return;
    if (session.status === status) settle?.(session);
    else if (isEnded(session.status))
      settle?.(new CliError(`${session.id} ended ${session.status} instead of ${status}`));
  };
  // Listen before reading the current state, so a change in between is not missed.
  const stop = client.on('session.status', ({ session }) => check(session));
  const removed = client.on('session.removed', (e) => e.id === id && settle?.(new CliError(`${e.id} was removed`)));
  const timer = setTimeout(
    () => settle?.(new CliError(`timed out after ${timeoutMs / 1000}s waiting for ${ref} to be ${status}`)),
    timeoutMs,
  );
  try {
    const current = await client.invoke('session.get', { id: ref });
    id = current.id;
    check(current);
    const result = await outcome;
    if (result instanceof Error) throw result;
    return result;
  } finally {
    clearTimeout(timer);
    stop();
    removed();
  }
}
