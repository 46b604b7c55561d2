import type { AnyEvent, MethodName } from '../../shared/contract.js';
import { FlotillaError } from '../../shared/errors.js';
import type { Session } from '../../shared/session.js';
import type { SessionManager } from '../engine/index.js';
import type { ClientContext, Handlers } from './dispatch.js';

/** What a session's credential may do; said in every refusal, so an agent (or its user) knows the way out. */
export const AGENT_RIGHTS =
  "a session's credential may act only on itself and the sessions it spawned, send messages to any session " +
  "and read the sessions on its own repository; use the user's token";

type Handler = (params: never, client: ClientContext) => unknown;
/** Checks the call (throws FORBIDDEN) and may narrow its result to what the session may see. */
type Rule = (params: never, call: () => Promise<unknown>) => Promise<unknown>;

/** The sessions a session sees and acts on: `sessionId`'s own tree (parentId chain) and its repository. */
export class AgentScope {
  /** Sessions looked up once: an event stream asks about the same few sessions many times. */
  private readonly repoOf = new Map<string, string>();

  constructor(
    private readonly manager: SessionManager,
    readonly sessionId: string,
  ) {}

  me(): Session {
    try {
      return this.manager.get(this.sessionId);
    } catch {
      throw new FlotillaError('FORBIDDEN', `session ${this.sessionId} no longer exists; its credential is void`);
    }
  }

  /** `ref` is this session or one of its descendants. */
  inTree(ref: string): boolean {
    let session: Session | undefined = this.manager.get(ref);
    for (let depth = 0; session && depth < 1000; depth++) {
      if (session.id === this.sessionId) return true;
      session = session.parentId ? this.find(session.parentId) : undefined;
    }
    return false;
  }

  /** `ref` works on this session's repository. */
  onRepo(ref: string): boolean {
    return this.manager.get(ref).repoPath === this.me().repoPath;
  }

  /** Whether an event about session `id` (removed ones included: remembered) concerns this session's repository. */
  sees(id: string, known?: Session): boolean {
    let repo = this.repoOf.get(id) ?? known?.repoPath;
    if (repo === undefined) {
      repo = this.find(id)?.repoPath;
      if (repo === undefined) return false;
    }
    this.repoOf.set(id, repo);
    const mine = this.repoOf.get(this.sessionId) ?? this.me().repoPath;
    this.repoOf.set(this.sessionId, mine);
    return repo === mine;
  }

  private find(id: string): Session | undefined {
    try {
      return this.manager.get(id);
    } catch {
      return undefined;
    }
  }
}

function refuse(method: string, what: string): never {
  throw new FlotillaError('FORBIDDEN', `${method} ${what}: ${AGENT_RIGHTS}`);
}

/** The rules per method; a method without one (settings, git, profiles, usage…) needs the user's token. */
function rules(scope: AgentScope): Partial<Record<MethodName, Rule>> {
  const tree = (method: string) => async (p: { id: string }, call: () => Promise<unknown>) => {
    if (!scope.inTree(p.id)) refuse(method, `on session ${p.id}`);
    return call();
  };
  const trees = (method: string) => async (p: { ids: string[] }, call: () => Promise<unknown>) => {
    for (const id of p.ids) if (!scope.inTree(id)) refuse(method, `on session ${id}`);
    return call();
  };
  const read = (method: string) => async (p: { id: string }, call: () => Promise<unknown>) => {
    if (!scope.onRepo(p.id) && !scope.inTree(p.id)) refuse(method, `of session ${p.id} (another repository)`);
    return call();
  };
  const any = async (_p: unknown, call: () => Promise<unknown>) => call();
  const table: Partial<Record<MethodName, Rule>> = {
    'message.send': any,
    'providers.list': any,
    'host.info': any,
    'session.list': async (_p, call) => {
      const { sessions } = (await call()) as { sessions: Session[] };
      return { sessions: sessions.filter((s) => scope.sees(s.id, s)) };
    },
    'session.previews': async (p: { ids: string[] }, call) => {
      for (const id of p.ids)
        if (!scope.onRepo(id)) refuse('session.previews', `of session ${id} (another repository)`);
      return call();
    },
    'session.spawn': async (p: { parentId: string }, call) => {
      if (!scope.inTree(p.parentId)) refuse('session.spawn', `under session ${p.parentId}`);
      return call();
    },
    'session.create': async (p: { parentId?: string; worktreeOf?: string }, call) => {
      if (!p.parentId || !scope.inTree(p.parentId)) refuse('session.create', 'without a parentId in its own tree');
      if (p.worktreeOf && !scope.inTree(p.worktreeOf)) refuse('session.create', `in the worktree of ${p.worktreeOf}`);
      return call();
    },
    'session.watch': async (p: { id: string; watcherId: string }, call) => {
      if (!scope.inTree(p.watcherId)) refuse('session.watch', `for watcher ${p.watcherId}`);
      if (!scope.onRepo(p.id)) refuse('session.watch', `of session ${p.id} (another repository)`);
      return call();
    },
    'lock.list': async (p: { repoPath?: string }, call) => {
      if (p.repoPath !== undefined && p.repoPath !== scope.me().repoPath) refuse('lock.list', `of ${p.repoPath}`);
      const { locks } = (await call()) as { locks: { sessionId: string }[] };
      return { locks: locks.filter((lock) => scope.sees(lock.sessionId)) };
    },
  };
  for (const m of ['session.send', 'session.input', 'session.resize', 'session.approve', 'session.deny'] as const)
    table[m] = tree(m);
  for (const m of ['session.choose', 'session.update', 'session.archive', 'session.remove', 'session.clear'] as const)
    table[m] = tree(m);
  for (const m of ['session.subscribe', 'session.unsubscribe', 'session.ack', 'lock.acquire', 'lock.release'] as const)
    table[m] = tree(m);
  for (const m of ['session.pause', 'session.resume', 'session.kill', 'session.restart'] as const) table[m] = trees(m);
  for (const m of ['session.get', 'session.screen', 'session.events', 'session.agentEvents', 'session.stats'] as const)
    table[m] = read(m);
  for (const m of ['session.children', 'session.others', 'session.team', 'session.what', 'message.list'] as const)
    table[m] = read(m);
  // Validators: an agent may validate itself and its children, and read a validation as it reads the session
  // (`flotilla show --json` carries it); configuring validators and merging stay the user's.
  table['validation.run'] = tree('validation.run');
  table['validation.get'] = read('validation.get');
  return table;
}

/**
 * The handlers a client holding `sessionId`'s credential gets: each call checked against the session's rights
 * (FORBIDDEN, naming the method and why) before the user's handler runs. Payloads are already validated.
 */
export function agentHandlers(handlers: Handlers, manager: SessionManager, sessionId: string): Handlers {
  const scope = new AgentScope(manager, sessionId);
  const table = rules(scope);
  const guarded = {} as Record<string, Handler>;
  for (const [method, handler] of Object.entries(handlers) as [MethodName, Handler][]) {
    const rule = table[method];
    guarded[method] = async (params: never, client: ClientContext) => {
      scope.me();
      if (!rule) refuse(method, 'is not open to a session');
      return rule(params, async () => handler(params, client));
    };
  }
  return guarded as unknown as Handlers;
}

/**
 * Events for a session's connection: only those about sessions on its repository (locks and messages that
 * concern them). Returns the event to send (lock.changed narrowed to those locks) or null.
 */
export function agentEventFilter(manager: SessionManager, sessionId: string): (event: AnyEvent) => AnyEvent | null {
  const scope = new AgentScope(manager, sessionId);
  return (event) => {
    try {
      return visible(event);
    } catch {
      return null; // the session itself is gone: its connection is closed on session.removed
    }
  };
  function visible(event: AnyEvent): AnyEvent | null {
    // Output goes only to sessions the client follows, and following one (session.subscribe) is its tree's.
    if (event.name === 'session.output') return event;
    if (event.name === 'lock.changed') {
      return { ...event, payload: { locks: event.payload.locks.filter((lock) => scope.sees(lock.sessionId)) } };
    }
    if (event.name === 'message.changed') {
      const { targetId, senderId } = event.payload.message;
      return scope.sees(targetId) || senderId === sessionId ? event : null;
    }
    const payload = event.payload as { id?: unknown; session?: Session };
    if (payload.session && typeof payload.session.id === 'string')
      return scope.sees(payload.session.id, payload.session) ? event : null;
    if (typeof payload.id === 'string') return scope.sees(payload.id) ? event : null;
    return null; // settings.changed, ui.focusSession: the user's
  }
}
