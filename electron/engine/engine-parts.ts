import type Database from 'better-sqlite3';
import type { CreateSessionRequest, Session } from '../../shared/session.js';
import type { Settings } from '../../shared/settings.js';
import type { ProviderRegistry } from '../providers/registry.js';
import { ProfileRepository } from '../store/profile-repository.js';
import { RepoSettingsRepository } from '../store/repo-settings-repository.js';
import type { SecretBox } from '../store/secret-box.js';
import type { SessionRecord, SessionRepository } from '../store/session-repository.js';
import { AgentSupervisor, typeLine } from './agents/agent-supervisor.js';
import { ProfileService } from './agents/profile-service.js';
import type { SessionRuntime } from './agents/session-runtime.js';
import { SessionAnswers } from './answers/session-answers.js';
import type { EventHub, EventListener } from './event-hub.js';
import { ImportService } from './imports/import-service.js';
import { SessionLauncher } from './launch/session-launcher.js';
import type { ScreenCache } from './output/screen-cache.js';
import { SessionContainment } from './processes/session-containment.js';
import { RepoService } from './repos/repo-service.js';
import { SessionHooks } from './hooks/session-hooks.js';
import { statusSources } from './hooks/status-sources.js';
import { GitOpJournal } from './review/git-op-journal.js';
import { SessionGit } from './review/session-git.js';
import { now, SessionJournal } from './sessions/session-journal.js';
import { SessionLifecycle } from './sessions/session-lifecycle.js';
import { SessionRestart } from './sessions/session-restart.js';
import { WorktreeLoss } from './worktrees/worktree-loss.js';
import { WorktreeService } from './worktrees/worktree-service.js';
import { worktreeSetup } from './worktrees/worktree-setup.js';
import { wireAgentEvents, type AgentEventParts } from './agent-events/wire-agent-events.js';
import { UsageRepository } from '../store/usage-repository.js';
import { UsageTracker } from './usage/usage-tracker.js';
import { MessageService } from './coordination/messages/message-service.js';
import { LockService } from './coordination/locks/lock-service.js';
import { AutoLock } from './coordination/locks/auto-lock.js';
import { LockRepository } from '../store/lock-repository.js';
import { TeamService } from './coordination/team/team-service.js';
import { AgentReach } from './coordination/reach/agent-reach.js';
import { wireReviewLoop, type ReviewLoopParts } from './review-loop-parts.js';

/** What the parts are built on: the database and its repositories, the event stream, the screen cache. */
export interface EngineBase {
  dataDir: string;
  db: Database.Database;
  store: SessionRepository;
  providers: ProviderRegistry;
  env: NodeJS.ProcessEnv;
  secretBox: SecretBox | undefined;
  events: EventHub;
  screens: ScreenCache;
}

/** What the parts ask of the engine as a whole; called late, once every part exists. */
export interface EngineHost {
  readonly dataDir: string;
  readonly events: EventHub;
  settings(): Settings;
  get(ref: string): Session;
  list(): Session[];
  subscribe(listener: EventListener): () => void;
  /** The running agent of a session; throws INVALID_STATE when it has none. */
  liveRuntime(ref: string): SessionRuntime;
  sessionDir(id: string): string;
  /** The engine's create (validation, the launcher and its queue): spawn makes children through it. */
  create(request: CreateSessionRequest): Promise<Session[]>;
}

export interface EngineParts {
  journal: SessionJournal;
  /** Keeps each session's processes together (a cgroup, or the FLOTILLA_SESSION_ID marker). */
  containment: SessionContainment;
  profileStore: ProfileRepository;
  profiles: ProfileService;
  worktrees: WorktreeService;
  repos: RepoService;
  /** The live agents, and what their output, screens and exits do to their sessions. */
  agents: AgentSupervisor;
  /** Starts new sessions; those beyond the max-concurrent-sessions setting wait in its queue. */
  launcher: SessionLauncher;
  /** Merges under way, recorded so a host killed mid-merge settles them at its next start. */
  gitOps: GitOpJournal;
  git: SessionGit;
  lifecycle: SessionLifecycle;
  restarter: SessionRestart;
  /** Approve / deny / choose, and auto-yes behind the danger guard. */
  answers: SessionAnswers;
  worktreeLoss: WorktreeLoss;
  /** Tokens and cost per session, read from the agents' transcripts. */
  usage: UsageTracker;
  /** The agents' transcripts (tailed while they live) and the typed events read from them. */
  agentEvents: AgentEventParts;
  /** The engine's environment with a provider profile's variables over it (none: the engine's alone). */
  profileEnv(profileId: string | null | undefined): NodeJS.ProcessEnv;
  /** Copies the repo's configured files into a new worktree and runs its setup command. */
  setupWorktree(record: SessionRecord): Promise<void>;
  /** The CLIs' own hooks: the receiver, each launch's credential, and who listens to the events. */
  hooks: SessionHooks;
  /** Conversations run outside Flotilla (Claude Code, Codex), and sessions that resume them. */
  imports: ImportService;
  /** Durable messages between sessions, delivered by mode, and watches that wake a waiting session. */
  messages: MessageService;
  /** Advisory locks sessions hold on a repository or a worktree. */
  locks: LockService;
  /** Spawned children, the other sessions on a repository, what each is doing. */
  team: TeamService;
  /** How agents reach the host: its address, each session's credential, `flotilla` on their PATH. */
  reach: AgentReach;
  /** Validators, review comments, the conflict forecast, the merge queue, ports and heavy folders (issue 15). */
  reviewLoop: ReviewLoopParts;
}

/**
 * Builds the engine's rooms and wires them to each other. Parts that need one another are handed callbacks
 * that read `parts` when called, so the order they are built in does not matter.
 */
export function wireEngine(base: EngineBase, host: EngineHost): EngineParts {
  const { dataDir, db, store, providers, env, events } = base;
  const parts = {} as EngineParts;
  parts.journal = new SessionJournal(store, events);
  parts.containment = new SessionContainment(dataDir);
  const repoSettings = new RepoSettingsRepository(db);
  parts.profileStore = new ProfileRepository(db, base.secretBox);
  parts.profiles = new ProfileService(parts.profileStore, providers);
  parts.profileEnv = (profileId) => ({ ...env, ...(profileId ? parts.profileStore.get(profileId)?.env : undefined) });
  parts.worktrees = new WorktreeService(host);
  parts.repos = new RepoService({ dataDir, settings: repoSettings, recent: () => store.recentRepos() });
  parts.setupWorktree = worktreeSetup({
    settings: (repo) => repoSettings.get(repo),
    env,
    note: (id, detail) => parts.journal.addEvent(id, 'setup', detail),
    extraEnv: (id) => parts.reviewLoop.costs.envFor(id),
  });
  parts.hooks = new SessionHooks({
    providerOf: (id) => store.get(id)?.provider,
    accepting: () => statusSources(env).hook,
  });
  parts.reach = new AgentReach(dataDir);
  parts.agents = new AgentSupervisor({
    store,
    journal: parts.journal,
    events,
    providers,
    profiles: parts.profileStore,
    screens: base.screens,
    env,
    sessionDir: (id) => host.sessionDir(id),
    idleQuietMs: () => host.settings().idleQuietMs,
    answers: () => parts.answers,
    worktreeLost: (id) => parts.worktreeLoss.check(id),
    slotFreed: () => parts.launcher.pump(),
    killGraceMs: () => host.settings().killGraceMs,
    containment: parts.containment,
    hooks: parts.hooks,
    sources: statusSources(env),
    reach: (id) => parts.reach.envFor(id),
    extraEnv: (id) => parts.reviewLoop.costs.envFor(id),
    agentMcp: () => host.settings().agentMcp,
  });
  parts.hooks.onHookEvent((event) => parts.agents.hookEvent(event));
  const runtimes = parts.agents.runtimes;
  parts.launcher = new SessionLauncher({
    store,
    journal: parts.journal,
    events,
    settings: () => host.settings(),
    agentIds: () => runtimes.keys(),
    spawn: (record) => parts.agents.spawn(record, 'launch'),
    setupWorktree: parts.setupWorktree,
  });
  parts.gitOps = new GitOpJournal(dataDir);
  parts.git = new SessionGit(host, { env, gitOps: parts.gitOps });
  parts.lifecycle = new SessionLifecycle({
    runtimes,
    journal: parts.journal,
    launcher: parts.launcher,
    killGraceMs: () => host.settings().killGraceMs,
    respawn: (record) => parts.agents.spawn(record, 'resume'),
    status: (id) => store.get(id)?.status,
    sweep: (id) => parts.containment.sweepSession(id),
  });
  parts.restarter = new SessionRestart({
    store,
    journal: parts.journal,
    runtimes,
    launches: parts.launcher.launches,
    spawn: (record, mode) => parts.agents.spawn(record, mode),
    setupWorktree: parts.setupWorktree,
  });
  parts.answers = new SessionAnswers({
    record: (id) => store.get(id),
    provider: (record) => providers.get(record.provider),
    screen: async (id) => (await runtimes.get(id)?.mirror.lines()) ?? null,
    write: (id, data) => host.liveRuntime(id).process.write(data),
    addEvent: (id, kind, detail) => parts.journal.addEvent(id, kind, detail),
    attention: (id, reason) => events.emit('session.attention', { id, reason }),
    session: (id) => host.get(id),
    guard: () => host.settings(),
  });
  parts.worktreeLoss = new WorktreeLoss({
    record: (id) => store.get(id),
    report: (id, reason) => {
      parts.journal.addEvent(id, 'error', reason);
      store.update(id, { error: reason, updatedAt: now() });
      events.emit('session.updated', { session: host.get(id) });
      events.emit('session.attention', { id, reason });
    },
  });
  parts.imports = new ImportService({
    dataDir,
    env,
    settings: () => host.settings(),
    sessions: () => store.list(),
    profile: (ref) => parts.profileStore.find(ref),
    providers,
    idTaken: (id) => store.get(id) !== undefined,
    setupWorktree: parts.setupWorktree,
    admit: (prepared) => parts.launcher.admit(prepared),
  });
  parts.usage = new UsageTracker({
    repo: new UsageRepository(db),
    prices: () => host.settings().prices,
    exists: (id) => store.get(id) !== undefined,
    facts: () => new Map(store.list().map((s) => [s.id, s])),
    emit: (id, usage) => events.emit('session.usage', { id, usage }),
  });
  parts.agentEvents = wireAgentEvents({
    db,
    events,
    sessionDir: (id) => host.sessionDir(id),
    note: (id, detail) => parts.journal.addEvent(id, 'note', detail),
    onHookEvent: (listener) => parts.hooks.onHookEvent(listener),
    session: (id) => store.get(id),
    agentEnv: (session) => parts.profileEnv(session.profileId),
  });
  // ---- coordination (issue 14) ----
  parts.messages = new MessageService({
    db,
    events,
    resolve: (ref) => host.get(ref),
    record: (id) => store.get(id),
    agent: (id) => (runtimes.get(id)?.process.hasExited === false ? runtimes.get(id)?.process : undefined),
    note: (id, detail) => parts.journal.addEvent(id, 'message', detail),
  });
  parts.locks = new LockService({
    repo: new LockRepository(db),
    session: (ref) => host.get(ref),
    emit: (locks) => events.emit('lock.changed', { locks }),
    subscribe: (listener) => events.subscribe(listener),
  });
  new AutoLock({
    locks: parts.locks,
    enabled: () => host.settings().autoLock,
    sessions: () => store.list(),
    note: (id, detail) => parts.journal.addEvent(id, 'lock', detail),
    env,
  }).wire(parts.hooks);
  parts.team = new TeamService({
    create: (request) => host.create(request),
    get: (ref) => host.get(ref),
    list: () => host.list(),
    agentEvents: (id, after, limit) => parts.agentEvents.agentEvents.list(id, after, limit),
    typeLine: (id, text) => typeLine(host.liveRuntime(id).process, text),
    watch: (target, watcher, seconds) => parts.messages.watch(target, watcher, seconds),
    queue: (id) => parts.messages.queue(id),
    locks: (repoPath) => parts.locks.list(repoPath),
  });
  parts.reviewLoop = wireReviewLoop(base, host, parts);
  // Usage records ride in the transcripts' entries (Claude message.usage, Codex token_count).
  parts.agentEvents.transcripts.onEntries((id, provider, entries) => parts.usage.ingest(id, provider, entries));
  // The diff service is the first to find a deleted worktree (its folder watcher fires on the deletion).
  events.subscribe((event) => {
    if (event.name === 'session.diff' && event.payload.error !== null) parts.worktreeLoss.check(event.payload.id);
  });
  return parts;
}
