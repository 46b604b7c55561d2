import { z } from 'zod';
import { LockScope, MessageMode } from '../../shared/coordination.js';
import type { ContractClient } from '../../shared/contract-client.js';
import type { Session } from '../../shared/session.js';

/** What a tool call has at hand: the host (connected on first use) and the session the server speaks for. */
export interface ToolContext {
  client(): Promise<ContractClient>;
  /** The calling agent's session id; throws a clear error when the server runs outside a session. */
  me(): string;
}

export interface FlotillaTool<Shape extends z.ZodRawShape = z.ZodRawShape> {
  name: string;
  description: string;
  input: Shape;
  run(ctx: ToolContext, args: z.infer<z.ZodObject<Shape>>): Promise<unknown>;
}

const Seconds = z
  .number()
  .int()
  .min(1)
  .max(7 * 24 * 3600);
const Target = z.string().min(1).max(200).describe('A session id, a unique prefix of one, or its name.');

/** A session as an agent needs it in a list: who, what state, where; not its whole record. */
function brief(session: Session) {
  const { id, name, provider, status, branch, baseBranch, worktreePath, parentId, lastActivityAt } = session;
  return { id, name, provider, status, branch, baseBranch, worktreePath, parentId: parentId ?? null, lastActivityAt };
}

function tool<Shape extends z.ZodRawShape>(definition: FlotillaTool<Shape>): FlotillaTool<Shape> {
  return definition;
}

/**
 * The tools of `flotilla mcp`: the same coordination methods as the `flotilla` CLI (shared/coordination.ts),
 * spoken for the calling agent's session, so a model can call them without going through its shell.
 */
export const flotillaTools = [
  tool({
    name: 'spawn',
    description:
      'Start a child session (a worker agent) on this repository. Its base branch defaults to your branch, so it ' +
      'builds on your work. With `wait` (seconds) you are sent a message when it goes idle, finishes or fails, or ' +
      'when the time runs out; you need not poll. Returns the new session.',
    input: {
      prompt: z.string().max(100_000).describe('The task for the worker, typed as its first prompt.'),
      name: z.string().trim().min(1).max(100).optional().describe('A short name to address it by (send, what).'),
      provider: z.string().min(1).max(64).optional().describe('Agent CLI: claude, codex, gemini, opencode, aider…'),
      baseBranch: z.string().min(1).max(255).optional().describe('Branch to start from (default: your branch).'),
      sameWorktree: z.boolean().optional().describe('Work in your worktree and branch instead of a new one.'),
      wait: Seconds.optional().describe(
        'Seconds to watch it for you: a message arrives when it stops or time runs out.',
      ),
      autoYes: z
        .boolean()
        .optional()
        .describe('Let it answer its own permission questions (dangerous commands still wait).'),
    },
    run: async (ctx, args) =>
      brief(await (await ctx.client()).invoke('session.spawn', { parentId: ctx.me(), ...args })),
  }),
  tool({
    name: 'send',
    description:
      'Send a message to another session (any session may be messaged). It is queued and typed into its prompt: ' +
      'sequential (default) when it is next idle, important ahead of sequential ones, urgent interrupts it at once. ' +
      'The message says it came from you.',
    input: {
      to: Target,
      text: z.string().min(1).max(100_000).describe('The message.'),
      mode: MessageMode.optional().describe('sequential (default), important or urgent.'),
    },
    run: async (ctx, { to, text, mode }) =>
      (await ctx.client()).invoke('message.send', { id: to, text, mode: mode ?? 'sequential' }),
  }),
  tool({
    name: 'wait',
    description:
      'Watch a session for you and return at once. You are sent a message naming it when it goes idle, starts ' +
      'waiting for an answer, completes, fails or is removed, or when `seconds` run out. End your turn after ' +
      'calling this: the message wakes you, no polling needed.',
    input: { id: Target, seconds: Seconds.describe('Give up after this many seconds (a timeout message is sent).') },
    run: async (ctx, { id, seconds }) => {
      await (await ctx.client()).invoke('session.watch', { id, watcherId: ctx.me(), seconds });
      return { watching: id, seconds, note: 'You will get a message when it stops or the time runs out.' };
    },
  }),
  tool({
    name: 'children',
    description: 'Your child sessions (the workers you spawned) with their status.',
    input: {},
    run: async (ctx) => {
      const { sessions } = await (await ctx.client()).invoke('session.children', { id: ctx.me() });
      return { sessions: sessions.map(brief) };
    },
  }),
  tool({
    name: 'others',
    description: 'The other sessions working on the same repository, with their status.',
    input: {},
    run: async (ctx) => {
      const { sessions } = await (await ctx.client()).invoke('session.others', { id: ctx.me() });
      return { sessions: sessions.map(brief) };
    },
  }),
  tool({
    name: 'status',
    description: 'Your session, your children, the others on this repository, the locks held and your message queue.',
    input: {},
    run: async (ctx) => {
      const team = await (await ctx.client()).invoke('session.team', { id: ctx.me() });
      return {
        me: brief(team.me),
        children: team.children.map(brief),
        others: team.others.map(brief),
        locks: team.locks,
        queue: team.queue,
      };
    },
  }),
  tool({
    name: 'what',
    description:
      'What a session is doing now: its status, its last assistant message, the tool it is running and the question ' +
      'it waits on (read from its events, no model call).',
    input: { id: Target },
    run: async (ctx, { id }) => {
      const activity = await (await ctx.client()).invoke('session.what', { id });
      return { ...activity, session: brief(activity.session) };
    },
  }),
  tool({
    name: 'lock',
    description:
      'Take an advisory lock for your session (shown to every session and in the dashboard, released when your ' +
      'session ends). scope repo (default): the whole repository, e.g. its base branch while merging; path: your ' +
      'worktree, when sessions share it. Fails with LOCK_HELD if another session holds it, unless `wait` seconds ' +
      'are given to wait for it.',
    input: {
      reason: z.string().trim().min(1).max(500).describe('Why, shown to the others (e.g. "merging into main").'),
      scope: LockScope.optional().describe('repo (default) or path.'),
      wait: z.number().int().min(0).max(3600).optional().describe('Seconds to wait for the holder (default 0).'),
    },
    run: async (ctx, { reason, scope, wait }) =>
      (await ctx.client()).invoke('lock.acquire', { id: ctx.me(), reason, scope: scope ?? 'repo', wait: wait ?? 0 }),
  }),
  tool({
    name: 'unlock',
    description: 'Release your locks (all of them, or the one of `scope`).',
    input: { scope: LockScope.optional().describe('repo or path; default every lock you hold.') },
    run: async (ctx, { scope }) =>
      (await ctx.client()).invoke('lock.release', scope ? { id: ctx.me(), scope } : { id: ctx.me() }),
  }),
] as const;
