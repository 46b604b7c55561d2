import type Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { EventListener } from './event-hub.js';
import { FlotillaError } from '../../shared/errors.js';
import {
  CreateSessionRequest,
  type BatchResult,
  type ScreenSnapshot,
  type Session,
  type SessionEvent,
} from '../../shared/session.js';
import type { ProviderInfo } from '../../shared/repo.js';
import type { SessionPreview, SessionStats } from '../../shared/session-insight.js';
import type { Settings, SettingsPatch } from '../../shared/settings.js';
import { branchExists } from '../git/repo-info.js';
import { deleteBranch, removeWorktree } from '../git/worktree.js';
import { ProviderRegistry } from '../providers/registry.js';
import { openDatabase } from '../store/database.js';
import { SessionRepository, toSession, type SessionRecord } from '../store/session-repository.js';
import { SettingsRepository } from '../store/settings-repository.js';
import { AgentSupervisor, typeLine } from './agents/agent-supervisor.js';
import { prepareSessions } from './sessions/create-session.js';
import { SessionLauncher } from './launch/session-launcher.js';
import { SessionLifecycle } from './sessions/session-lifecycle.js';
import { EventHub } from './event-hub.js';
import { ScreenCache } from './output/screen-cache.js';
import { recoverSessions } from './sessions/recover-sessions.js';
import { SessionContainment } from './processes/session-containment.js';
import { canTransition } from '../../shared/session-state.js';
import { archivePatch } from './sessions/session-archive.js';
import { findSession } from './sessions/session-lookup.js';
import type { SessionRuntime } from './agents/session-runtime.js';
import { now, SessionJournal } from './sessions/session-journal.js';
import { assertRemovable } from './sessions/removal-guard.js';
import { SessionGit } from './review/session-git.js';
import { worktreeSetup } from './worktrees/worktree-setup.js';
import { RepoSettingsRepository } from '../store/repo-settings-repository.js';
import { ProfileRepository } from '../store/profile-repository.js';
import type { SecretBox } from '../store/secret-box.js';
import { SessionAnswers } from './answers/session-answers.js';
import { sweepStaleSnapshots } from '../git/worktree-snapshot.js';
import { WorktreeLoss } from './worktrees/worktree-loss.js';
import { WorktreeService } from './worktrees/worktree-service.js';
import { RepoService } from './repos/repo-service.js';
import { ProfileService } from './agents/profile-service.js';
import { sessionPreviews, sessionStats, type InsightHost } from './processes/session-insight.js';
import { GitOpJournal } from './review/git-op-journal.js';
import { SessionRestart } from './sessions/session-restart.js';

/** What a transport may do with a live session's output: hold it while a client catches up, release it. */
export type OutputFlow = Pick<SessionRuntime, 'hold' | 'release'>;

export interface SessionManagerOptions {
  dataDir: string;
  providers?: ProviderRegistry;
  /** The environment agents inherit (sanitised); defaults to this process's. */
  env?: NodeJS.ProcessEnv;
  /** Seals profile secrets at rest (the desktop app's OS keychain); plain JSON in the 0600 database without one. */
  secretBox?: SecretBox;
}

/**
 * The session engine: creates sessions (worktree + agent pty), tracks their lifecycle, persists every
 * transition, and emits events. Knows nothing about Electron or transports.
 */
export class SessionManager {
  readonly events = new EventHub();
  private readonly screens = new ScreenCache((id) => this.sessionDir(id));
  private closing = false;
  /** Diffs and the git flow back to the base branch. */
  readonly git: SessionGit;
  /** Worktree folders on disk: their weight, the orphans no session knows. */
  readonly worktrees: WorktreeService;
  /** Repositories: what the new-session dialog shows, each one's worktree setup. */
  readonly repos: RepoService;
  /** Saved provider configurations (binary, extra args, model, env). */
  readonly profiles: ProfileService;
  private readonly repoSettings: RepoSettingsRepository;
  private readonly profileStore: ProfileRepository;
  /** Approve / deny / choose, and auto-yes behind the danger guard. */
  private readonly answers: SessionAnswers;
  private readonly journal: SessionJournal;
  /** Merges under way, recorded so a host killed mid-merge settles them at its next start. */
  private readonly gitOps: GitOpJournal;
  /** Starts new sessions; those beyond the max-concurrent-sessions setting wait in its queue. */
  private readonly launcher: SessionLauncher;
  private readonly lifecycle: SessionLifecycle;
  private readonly restarter: SessionRestart;
  private readonly worktreeLoss: WorktreeLoss;
  /** The live agents, and what their output, screens and exits do to their sessions. */
  private readonly agents: AgentSupervisor;
  private readonly runtimes: ReadonlyMap<string, SessionRuntime>;
  /** Keeps each session's processes together (a cgroup, or the FLOTILLA_SESSION_ID marker). */
  private readonly containment: SessionContainment;

  private constructor(
    readonly dataDir: string,
    private readonly db: Database.Database,
    private readonly store: SessionRepository,
    private readonly settingsStore: SettingsRepository,
    private readonly providers: ProviderRegistry,
    private readonly env: NodeJS.ProcessEnv,
    secretBox?: SecretBox,
  ) {
    this.journal = new SessionJournal(store, this.events);
    this.containment = new SessionContainment(dataDir);
    this.repoSettings = new RepoSettingsRepository(db);
    this.profileStore = new ProfileRepository(db, secretBox);
    this.profiles = new ProfileService(this.profileStore, providers);
    this.worktrees = new WorktreeService(this);
    this.repos = new RepoService({ dataDir, settings: this.repoSettings, recent: () => store.recentRepos() });
    this.agents = new AgentSupervisor({
      store,
      journal: this.journal,
      events: this.events,
      providers,
      profiles: this.profileStore,
      screens: this.screens,
      env,
      sessionDir: (id) => this.sessionDir(id),
      idleQuietMs: () => this.settings().idleQuietMs,
      answers: () => this.answers,
      worktreeLost: (id) => this.worktreeLoss.check(id),
      slotFreed: () => this.launcher.pump(),
      killGraceMs: () => this.settings().killGraceMs,
      containment: this.containment,
    });
    this.runtimes = this.agents.runtimes;
    this.launcher = new SessionLauncher({
      store,
      journal: this.journal,
      events: this.events,
      settings: () => this.settings(),
      agentIds: () => this.runtimes.keys(),
      spawn: (record) => this.agents.spawn(record, 'launch'),
      setupWorktree: (record) => this.setupWorktree()(record),
    });
    this.gitOps = new GitOpJournal(dataDir);
    this.git = new SessionGit(this, { env, gitOps: this.gitOps });
    this.lifecycle = new SessionLifecycle({
      runtimes: this.runtimes,
      journal: this.journal,
      launcher: this.launcher,
      killGraceMs: () => this.settings().killGraceMs,
      respawn: (record) => this.agents.spawn(record, 'resume'),
      status: (id) => this.store.get(id)?.status,
      sweep: (id) => this.containment.sweepSession(id),
    });
    this.restarter = new SessionRestart({
      store,
      journal: this.journal,
      runtimes: this.runtimes,
      launches: this.launcher.launches,
      spawn: (record, mode) => this.agents.spawn(record, mode),
      setupWorktree: (record) => this.setupWorktree()(record),
    });
    this.answers = new SessionAnswers({
      record: (id) => this.store.get(id),
      provider: (record) => this.providers.get(record.provider),
      screen: async (id) => (await this.runtimes.get(id)?.mirror.lines()) ?? null,
      write: (id, data) => this.liveRuntime(id).process.write(data),
      addEvent: (id, kind, detail) => this.journal.addEvent(id, kind, detail),
      attention: (id, reason) => this.events.emit('session.attention', { id, reason }),
      session: (id) => this.get(id),
      guard: () => this.settings(),
    });
    this.worktreeLoss = new WorktreeLoss({
      record: (id) => this.store.get(id),
      report: (id, reason) => {
        this.journal.addEvent(id, 'error', reason);
        this.store.update(id, { error: reason, updatedAt: now() });
        this.events.emit('session.updated', { session: this.get(id) });
        this.events.emit('session.attention', { id, reason });
      },
    });
    // The diff service is the first to find a deleted worktree (its folder watcher fires on the deletion).
    this.events.subscribe((event) => {
      if (event.name === 'session.diff' && event.payload.error !== null) this.worktreeLoss.check(event.payload.id);
    });
  }

  static async open(options: SessionManagerOptions): Promise<SessionManager> {
    const dataDir = path.resolve(options.dataDir);
    const db = await openDatabase(path.join(dataDir, 'flotilla.db'));
    const manager = new SessionManager(
      dataDir,
      db,
      new SessionRepository(db),
      new SettingsRepository(db),
      options.providers ?? new ProviderRegistry(),
      options.env ?? process.env,
      options.secretBox,
    );
    await recoverSessions(manager.store, manager.containment);
    // Before anything runs git: a merge a killed host left half done, and the index.lock its git left.
    await manager.gitOps.recover((id, detail) => manager.journal.addEvent(id, 'git-recovered', detail));
    // A host killed mid-diff leaves a temporary index behind; nothing waits for this.
    void sweepStaleSnapshots().catch(() => undefined);
    manager.launcher.requeueRecovered();
    return manager;
  }

  subscribe(listener: EventListener): () => void {
    return this.events.subscribe(listener);
  }

  // ---- reading ----

  list(): Session[] {
    return this.store.list().map(toSession);
  }

  get(ref: string): Session {
    return toSession(this.find(ref));
  }

  history(ref: string): SessionEvent[] {
    return this.store.events(this.find(ref).id);
  }

  async screen(ref: string): Promise<ScreenSnapshot> {
    const record = this.find(ref);
    const runtime = this.runtimes.get(record.id);
    const mirror = runtime?.mirror ?? (await this.screens.restore(record));
    const text = mirror.text();
    const ansi = runtime ? (await runtime.consistentSnapshot()).screen : await mirror.serialize();
    return { id: record.id, cols: mirror.cols, rows: mirror.rows, text: await text, ansi };
  }

  /** Every provider with whether its CLI can be found here (and if not, what to install). */
  providerInfo(): Promise<ProviderInfo[]> {
    return this.providers.availability(this.dataDir);
  }

  /** Renames a session or switches its auto-yes; turning auto-yes on answers a pending question (guard permitting). */
  update(ref: string, patch: { name?: string | undefined; autoYes?: boolean | undefined }): Session {
    const record = this.find(ref);
    const changes: Partial<SessionRecord> = {};
    if (patch.name !== undefined) changes.name = patch.name;
    if (patch.autoYes !== undefined) changes.autoYes = patch.autoYes;
    this.store.update(record.id, { ...changes, updatedAt: now() });
    const session = this.get(record.id);
    this.events.emit('session.updated', { session });
    if (patch.autoYes && this.runtimes.has(record.id)) this.answers.autoAnswer(record.id);
    return session;
  }

  /** Archives a finished session out of the grid, or brings it back. */
  archive(ref: string, archived: boolean): Session {
    const record = this.find(ref);
    const at = now();
    const kind = archived ? 'archived' : 'unarchived';
    this.store.update(record.id, archivePatch(record, archived, at), {
      at,
      kind,
      fromStatus: null,
      toStatus: null,
      detail: null,
    });
    const session = this.get(record.id);
    this.events.emit('session.updated', { session });
    return session;
  }

  /** Holds and releases a live session's output, for transports that apply flow control to their clients. */
  outputFlow(id: string): OutputFlow | undefined {
    return this.runtimes.get(id);
  }

  /** Visible screen text of each session (unknown ids are left out). */
  previews(ids: string[]): Promise<SessionPreview[]> {
    return sessionPreviews(this.insightHost(), ids);
  }

  /** CPU time and memory of the session's agent and every process it started. */
  stats(ref: string): Promise<SessionStats> {
    return sessionStats(this.insightHost(), ref);
  }

  private insightHost(): InsightHost {
    return {
      get: (ref) => this.get(ref),
      screen: (ref) => this.screen(ref),
      liveMirror: (id) => this.runtimes.get(id)?.mirror,
    };
  }

  settings(): Settings {
    return this.settingsStore.get();
  }

  updateSettings(patch: SettingsPatch): Settings {
    const settings = this.settingsStore.set(patch);
    this.events.emit('settings.changed', settings);
    // A raised (or removed) limit lets queued sessions start.
    this.launcher.pump();
    return settings;
  }

  // ---- creating ----

  async create(request: CreateSessionRequest): Promise<Session[]> {
    const input = CreateSessionRequest.parse(request);
    const prepared = await prepareSessions(input, {
      dataDir: this.dataDir,
      settings: this.settings(),
      profile: input.profileId ? this.profileStore.find(input.profileId) : null,
      providers: this.providers,
      idTaken: (id) => this.store.get(id) !== undefined,
      setupWorktree: this.setupWorktree(),
    });
    return Promise.all(prepared.map((p) => this.launcher.admit(p)));
  }

  private setupWorktree(): (record: SessionRecord) => Promise<void> {
    return worktreeSetup({
      settings: (repo) => this.repoSettings.get(repo),
      env: this.env,
      note: (id, detail) => this.journal.addEvent(id, 'setup', detail),
    });
  }

  private sessionDir(id: string): string {
    return path.join(this.dataDir, 'sessions', id);
  }

  // ---- acting on sessions ----

  async send(ref: string, text: string, enter = true): Promise<void> {
    const runtime = this.liveRuntime(ref);
    if (enter) typeLine(runtime.process, text);
    else runtime.process.write(text);
  }

  input(ref: string, data: string): void {
    this.liveRuntime(ref).process.write(data);
  }

  resize(ref: string, cols: number, rows: number): void {
    const record = this.find(ref);
    const runtime = this.runtimes.get(record.id);
    runtime?.process.resize(cols, rows);
    runtime?.mirror.resize(cols, rows);
    this.store.update(record.id, { cols, rows });
  }

  /** Answers "yes" (option 1); resolves once the question has left the agent's screen. */
  approve(ref: string): Promise<Session> {
    return this.answers.answer(this.find(ref).id, { kind: 'approve' }, 'user');
  }

  deny(ref: string): Promise<Session> {
    return this.answers.answer(this.find(ref).id, { kind: 'deny' }, 'user');
  }

  /** Picks option k (1-based) of the question the session waits on. */
  choose(ref: string, option: number): Promise<Session> {
    return this.answers.answer(this.find(ref).id, { kind: 'option', option }, 'user');
  }

  async pause(refs: string[]): Promise<BatchResult> {
    const result = await this.batch(refs, (record) => this.lifecycle.pause(record));
    // A paused agent frees its slot. Resuming it later may go over the limit: the user asked for that one.
    this.launcher.pump();
    return result;
  }

  async resume(refs: string[]): Promise<BatchResult> {
    return this.batch(refs, (record) => this.lifecycle.resume(record));
  }

  /** Runs ended sessions again in their worktree and branch, resuming the conversation where the agent can. */
  async restart(refs: string[]): Promise<BatchResult> {
    return this.batch(refs, (record) => this.restarter.restart(record));
  }

  async kill(refs: string[]): Promise<BatchResult> {
    return this.batch(refs, (record) => this.lifecycle.terminate(record));
  }

  /** Terminates the agent, removes its worktree and branch. Refuses unmerged or uncommitted work unless forced. */
  async remove(ref: string, force: boolean): Promise<void> {
    const record = this.find(ref);
    const hasBranch = await branchExists(record.repoPath, record.branch);
    const hasWorktree = existsSync(record.worktreePath);
    if (!force) await assertRemovable(record, { hasBranch, hasWorktree });
    await this.lifecycle.terminate(record);
    if (hasWorktree) await removeWorktree(record.repoPath, record.worktreePath);
    if (hasBranch) await deleteBranch(record.repoPath, record.branch);
    this.screens.drop(record.id);
    this.worktreeLoss.forget(record.id);
    this.store.remove(record.id);
    await rm(this.sessionDir(record.id), { recursive: true, force: true });
    this.events.emit('session.removed', { id: record.id });
  }

  /** Stops every agent but keeps sessions resumable: live ones are recorded as paused. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    // Queued sessions stay recorded as queued; the next open queues them again.
    this.launcher.close();
    // A launch under way lands first, so the agent it starts is stopped below, not left running.
    await this.launcher.launches.settledAll();
    this.git.close();
    // A git action under way ends as it would have (a failed rebase aborted, a merge's checkout updated).
    const merging = Promise.all([this.git.idle(30_000), this.gitOps.drain(30_000)]);
    const grace = this.settings().killGraceMs;
    await Promise.all(
      [...this.runtimes.entries()].map(async ([id, runtime]) => {
        runtime.intent = 'shutdown';
        const record = this.store.get(id);
        if (record && canTransition(record.status, 'paused'))
          this.journal.transition(id, 'paused', 'host stopped; resume restarts the agent');
        await runtime.process.terminate(grace);
        await runtime.closed;
      }),
    );
    await merging;
    this.screens.dispose();
    await this.containment.close();
    this.db.close();
  }

  // ---- helpers ----

  private find(ref: string): SessionRecord {
    const direct = this.store.get(ref);
    return direct ?? findSession(this.store.list(), ref);
  }

  private liveRuntime(ref: string): SessionRuntime {
    const record = this.find(ref);
    const runtime = this.runtimes.get(record.id);
    if (!runtime || runtime.process.hasExited) {
      throw new FlotillaError('INVALID_STATE', `session ${record.id} has no running agent (${record.status})`);
    }
    return runtime;
  }

  private async batch(refs: string[], action: (record: SessionRecord) => Promise<void>): Promise<BatchResult> {
    const results = await Promise.all(
      refs.map(async (ref) => {
        try {
          const record = this.find(ref);
          await action(record);
          return { id: record.id, ok: true, session: this.get(record.id) };
        } catch (error) {
          return { id: ref, ok: false, error: error instanceof Error ? error.message : String(error) };
        }
      }),
    );
    return { results };
  }
}
