import type { AgentEvent } from '../../../../shared/agent-events.js';
import type { AgentMessage, SessionActivity, SessionLock, TeamStatus } from '../../../../shared/coordination.js';
import { FlotillaError } from '../../../../shared/errors.js';
import type { CreateSessionRequest, Session } from '../../../../shared/session.js';
import { isLive } from '../../../../shared/session-state.js';
import { clearCommand } from './clear-commands.js';
import { sessionActivity } from './session-activity.js';

export interface SpawnRequest {
  parentId: string;
  prompt: string;
  name?: string | undefined;
  provider?: string | undefined;
  baseBranch?: string | undefined;
  sameWorktree: boolean;
  wait?: number | undefined;
  autoYes?: boolean | undefined;
}

export interface TeamServiceDeps {
  /** The engine's create (the launcher and its queue). */
  create(request: CreateSessionRequest): Promise<Session[]>;
  get(ref: string): Session;
  list(): Session[];
  /** A session's agent events after `after` (a seq), oldest first, at most `limit`. */
  agentEvents(id: string, after: number, limit: number): AgentEvent[];
  /** Types a line into the session's live agent (INVALID_STATE when it has none). */
  typeLine(id: string, text: string): void;
  watch(targetId: string, watcherId: string, seconds: number): void;
  queue(id: string): AgentMessage[];
  locks(repoPath: string): SessionLock[];
}

const EVENT_PAGE = 5000;
/** what() reads a session's events in pages; this many pages bounds it (a million events). */
const MAX_PAGES = 200;

/** Sessions as a team: spawning children, who is around (children, others), what each is doing. */
export class TeamService {
  constructor(private readonly deps: TeamServiceDeps) {}

  /**
   * A child of `parentId` through the normal create path: on the parent's repository, based on its branch
   * (or in its worktree), with its provider, profile and auto-yes unless told otherwise. With `wait`, the
   * parent is sent a message when the child goes idle, waits, ends, or the time runs out.
   */
  async spawn(request: SpawnRequest): Promise<Session> {
    const parent = this.deps.get(request.parentId);
    const sameProvider = request.provider === undefined || request.provider === parent.provider;
    const [child] = await this.deps.create({
      repoPath: parent.repoPath,
      parentId: parent.id,
      prompt: request.prompt,
      ...(request.name !== undefined ? { name: request.name } : {}),
      // A profile names its provider: the parent's profile goes along only when the provider does.
      ...(sameProvider && parent.profileId ? { profileId: parent.profileId } : {}),
      ...(sameProvider && !parent.profileId ? { provider: parent.provider } : {}),
      ...(!sameProvider ? { provider: request.provider } : {}),
      ...(request.baseBranch !== undefined ? { baseBranch: request.baseBranch } : {}),
      ...(request.sameWorktree ? { worktreeOf: parent.id } : {}),
      autoYes: request.autoYes ?? parent.autoYes,
    });
    if (!child) throw new FlotillaError('INTERNAL', 'create returned no session');
    if (request.wait !== undefined) {
      try {
        this.deps.watch(child.id, parent.id, request.wait);
      } catch (error) {
        if (!(error instanceof FlotillaError)) throw error;
        throw new FlotillaError(
          error.code,
          `spawned ${child.id} (${child.name}), but could not watch it: ${error.message}`,
        );
      }
    }
    return this.deps.get(child.id);
  }

  /** The sessions `ref` spawned (direct children only, not their children), archived ones left out. */
  children(ref: string): Session[] {
    const me = this.deps.get(ref);
    return this.deps.list().filter((s) => s.parentId === me.id && !s.archivedAt);
  }

  /** The other sessions on the same repository (any status but archived), not `ref` itself. */
  others(ref: string): Session[] {
    const me = this.deps.get(ref);
    return this.deps.list().filter((s) => s.repoPath === me.repoPath && s.id !== me.id && !s.archivedAt);
  }

  team(ref: string): TeamStatus {
    const me = this.deps.get(ref);
    return {
      me,
      children: this.children(me.id),
      others: this.others(me.id),
      locks: this.deps.locks(me.repoPath),
      queue: this.deps.queue(me.id),
    };
  }

  /** Its last assistant message, the tool it runs now and the question it waits on: read, no model call. */
  what(ref: string): SessionActivity {
    const session = this.deps.get(ref);
    return sessionActivity(session, this.events(session.id));
  }

  /** Types the provider's clear command (Claude Code's /clear, Codex's /new…) into a live session. */
  async clear(ref: string): Promise<void> {
    const session = this.deps.get(ref);
    const command = clearCommand(session.provider);
    if (command === undefined) {
      throw new FlotillaError(
        'UNSUPPORTED',
        `no known way to clear a ${session.provider} conversation; restart the session or type into its terminal`,
      );
    }
    if (!isLive(session.status)) {
      throw new FlotillaError(
        'INVALID_STATE',
        `session ${session.id} is ${session.status}; only a live agent can be cleared`,
      );
    }
    this.deps.typeLine(session.id, command);
  }

  private *events(id: string): Generator<AgentEvent> {
    let after = 0;
    for (let page = 0; page < MAX_PAGES; page++) {
      const events = this.deps.agentEvents(id, after, EVENT_PAGE);
      yield* events;
      if (events.length < EVENT_PAGE) return;
      after = events.at(-1)!.seq;
    }
  }
}
