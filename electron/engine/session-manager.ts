import type Database from 'better-sqlite3';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { FlotillaError } from '../../shared/errors.js';
import type { ProviderInfo } from '../../shared/repo.js';
import type { SessionPreview, SessionStats } from '../../shared/session-insight.js';
import { canTransition } from '../../shared/session-state.js';
import {
  CreateSessionRequest,
  type BatchResult,
  type ScreenSnapshot,
  type Session,
  type SessionEvent,
} from '../../shared/session.js';
import type { Settings, SettingsPatch } from '../../shared/settings.js';
import { deleteBranch, removeWorktree } from '../git/worktree.js';
import { sweepStaleSnapshots } from '../git/worktree-snapshot.js';
import { ProviderRegistry } from '../providers/registry.js';
import { openDatabase } from '../store/database.js';
import type { SecretBox } from '../store/secret-box.js';
import { SessionRepository, toSession, type SessionRecord } from '../store/session-repository.js';
import { SettingsRepository } from '../store/settings-repository.js';
import { typeLine } from './agents/agent-supervisor.js';
import type { SessionRuntime } from './agents/session-runtime.js';
import { wireEngine, type EngineParts } from './engine-parts.js';
import { EventHub, type EventListener } from './event-hub.js';
import type { HookListener } from './hooks/hook-event.js';
import type { HostAddress } from './coordination/reach/agent-reach.js';
import { ScreenCache } from './output/screen-cache.js';
import { sessionPreviews, sessionStats, type InsightHost } from './processes/session-insight.js';
import { prepareSessions } from './sessions/create-session.js';
import { recoverSessions } from './sessions/recover-sessions.js';
import { removalPlan } from './sessions/removal-guard.js';
import { archivePatch } from './sessions/session-archive.js';
import { now } from './sessions/session-journal.js';
import { findSession } from './sessions/session-lookup.js';
import { withUsage } from './usage/with-usage.js';
import type { UsageGrouping, UsageReport } from '../../shared/usage.js';
import type { AgentEvent } from '../../shared/agent-events.js';

/** What a transport may do with a live session's output: hold it while a client catches up, release it. */
export type OutputFlow = Pick<SessionRuntime, 'hold' | 'release'>;

export interface SessionManagerOptions {
  dataDir: string;
  providers?: ProviderRegistry;
  /** The environment agents inherit (sanitised); defaults to this process's. */
  env?: NodeJS.ProcessEnv;
  /** Seals profile secrets at rest (the desktop app's OS keychain); plain JSON in the 0600 database without one. */
  secretBox?: SecretBox;
  /** A host will attach (serve()): agents launched before it listens (recovered queued sessions) wait for it. */
  awaitHost?: boolean;
}

/**
 * The session engine: creates sessions (worktree + agent pty), tracks their lifecycle, persists every
 * transition, and emits events. Knows nothing about Electron or transports.
 */
export class SessionManager {
  readonly events = new EventHub();
  private readonly screens = new ScreenCache((id) => this.sessionDir(id));
  private closing = false;
  private readonly parts: EngineParts;
  /** Diffs and the git flow back to the base branch. */
  readonly git: EngineParts['git'];
  /** Worktree folders on disk: their weight, the orphans no session knows. */
  readonly worktrees: EngineParts['worktrees'];
  /** Repositories: what the new-session dialog shows, each one's worktree setup. */
  readonly repos: EngineParts['repos'];
  /** Saved provider configurations (binary, extra args, model, env). */
  readonly profiles: EngineParts['profiles'];
  /**
   * The agents' transcripts, tailed while they live: `transcripts.onEntries(listener)` gets each session's
   * new entries (raw JSON lines) once.
   */
  readonly transcripts: EngineParts['agentEvents']['transcripts'];
  /** Conversations run outside Flotilla (Claude Code, Codex), and sessions that resume them. */
  readonly imports: EngineParts['imports'];
  /** Messages between sessions and watches (`flotilla send`, `flotilla wait --notify`). */
  readonly messages: EngineParts['messages'];
  /** Advisory locks (`flotilla lock`). */
  readonly locks: EngineParts['locks'];
  /** Children, others, status, what (`flotilla spawn`, `children`, `status`…). */
  readonly team: EngineParts['team'];
  /** Validators, review comments, the conflict forecast, the merge queue, ports and heavy folders (issue 15). */
  readonly reviewLoop: EngineParts['reviewLoop'];
  private readonly runtimes: ReadonlyMap<string, SessionRuntime>;

  private constructor(
    readonly dataDir: string,
    private readonly db: Database.Database,
    private readonly store: SessionRepository,
    private readonly settingsStore: SettingsRepository,
    private readonly providers: ProviderRegistry,
    env: NodeJS.ProcessEnv,
    secretBox: SecretBox | undefined,
  ) {
    this.parts = wireEngine(
      { dataDir, db, store, providers, env, secretBox, events: this.events, screens: this.screens },
      {
        dataDir,
        events: this.events,
        settings: () => this.settings(),
        get: (ref) => this.get(ref),
        list: () => this.list(),
        subscribe: (listener) => this.subscribe(listener),
        liveRuntime: (ref) => this.liveRuntime(ref),
        sessionDir: (id) => this.sessionDir(id),
        create: (request) => this.create(request),
      },
    );
    ({
      git: this.git,
      worktrees: this.worktrees,
      repos: this.repos,
      profiles: this.profiles,
      imports: this.imports,
      messages: this.messages,
      locks: this.locks,
      team: this.team,
      reviewLoop: this.reviewLoop,
    } = this.parts);
    this.runtimes = this.parts.agents.runtimes;
    this.transcripts = this.parts.agentEvents.transcripts;
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
    const { parts } = manager;
    await recoverSessions(manager.store, parts.containment);
    // Before anything runs git: a merge a killed host left half done, and the index.lock its git left.
    await parts.gitOps.recover((id, detail) => parts.journal.addEvent(id, 'git-recovered', detail));
    // A host killed mid-diff leaves a temporary index behind; nothing waits for this.
    void sweepStaleSnapshots().catch(() => undefined);
    if (options.awaitHost) parts.reach.expectHost();
    parts.launcher.requeueRecovered();
    return manager;
  }

  subscribe(listener: EventListener): () => void {
    return this.events.subscribe(listener);
  }

  /**
   * The host listens at `address.url`: from now on every agent launch gets FLOTILLA_URL, a credential for its
   * session (FLOTILLA_TOKEN, made with `address.key`) and `flotilla` first on its PATH.
   */
  attachHost(address: HostAddress): Promise<void> {
    return this.parts.reach.attach(address);
  }

  /** The existing session a credential was issued to; undefined when forged, altered, or the session is gone. */
  sessionOfCredential(credential: string | undefined): string | undefined {
    const id = this.parts.reach.verify(credential);
    return id !== undefined && this.store.get(id) ? id : undefined;
  }

  /**
   * Every hook event the agents' CLIs post (Claude Code's PreToolUse, PostToolUse, Stop…), authenticated as
   * coming from that session's agent and validated: sessionId, providerId, event name, the CLI's own JSON
   * payload. Listeners run in arrival order, synchronously, on the engine's thread: keep them quick. Only
   * sessions whose provider has hooks send any. Returns the unsubscribe function.
   */
  onHookEvent(listener: HookListener): () => void {
    return this.parts.hooks.onHookEvent(listener);
  }

  // ---- reading ----

  list(): Session[] {
    const usage = this.parts.usage.all();
    return this.store.list().map((record) => withUsage(toSession(record), usage.get(record.id)));
  }

  get(ref: string): Session {
    const record = this.find(ref);
    return withUsage(toSession(record), this.parts.usage.usage(record.id));
  }

  /** Tokens and cost grouped by session, repo, agent, day or model (only `ids`' sessions when given). */
  usageReport(by: UsageGrouping, ids?: string[]): UsageReport {
    return this.parts.usage.report(
      by,
      ids?.map((ref) => this.find(ref).id),
    );
  }

  /** What the session's agent did (messages, tool calls, files), oldest first; after `after` (a seq). */
  agentEvents(ref: string, after?: number, limit?: number): AgentEvent[] {
    return this.parts.agentEvents.agentEvents.list(this.find(ref).id, after, limit);
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
    if (patch.autoYes && this.runtimes.has(record.id)) this.parts.answers.autoAnswer(record.id);
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
    if (patch.prices) this.parts.usage.repriced();
    // A raised (or removed) limit lets queued sessions start.
    this.parts.launcher.pump();
    return settings;
  }

  // ---- creating ----

  async create(request: CreateSessionRequest): Promise<Session[]> {
    const input = CreateSessionRequest.parse(request);
    const prepared = await prepareSessions(input, {
      dataDir: this.dataDir,
      settings: this.settings(),
      profile: input.profileId ? this.parts.profileStore.find(input.profileId) : null,
      providers: this.providers,
      idTaken: (id) => this.store.get(id) !== undefined,
      setupWorktree: this.parts.setupWorktree,
      session: (ref) => this.find(ref),
    });
    return Promise.all(prepared.map((p) => this.parts.launcher.admit(p)));
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
    return this.parts.answers.answer(this.find(ref).id, { kind: 'approve' }, 'user');
  }

  deny(ref: string): Promise<Session> {
    return this.parts.answers.answer(this.find(ref).id, { kind: 'deny' }, 'user');
  }

  /** Picks option k (1-based) of the question the session waits on. */
  choose(ref: string, option: number): Promise<Session> {
    return this.parts.answers.answer(this.find(ref).id, { kind: 'option', option }, 'user');
  }

  async pause(refs: string[]): Promise<BatchResult> {
    const result = await this.batch(refs, (record) => this.parts.lifecycle.pause(record));
    // A paused agent frees its slot. Resuming it later may go over the limit: the user asked for that one.
    this.parts.launcher.pump();
    return result;
  }

  async resume(refs: string[]): Promise<BatchResult> {
    return this.batch(refs, (record) => this.parts.lifecycle.resume(record));
  }

  /** Runs ended sessions again in their worktree and branch, resuming the conversation where the agent can. */
  async restart(refs: string[]): Promise<BatchResult> {
    return this.batch(refs, (record) => this.parts.restarter.restart(record));
  }

  async kill(refs: string[]): Promise<BatchResult> {
    return this.batch(refs, (record) => this.parts.lifecycle.terminate(record));
  }

  /** Terminates the agent, removes its worktree and branch. Refuses unmerged or uncommitted work unless forced. */
  async remove(ref: string, force: boolean): Promise<void> {
    const record = this.find(ref);
    // A worktree another session shares stays (see removalPlan).
    const { hasBranch, hasWorktree } = await removalPlan(record, this.store.list(), force);
    await this.parts.lifecycle.terminate(record);
    if (hasWorktree) await removeWorktree(record.repoPath, record.worktreePath);
    if (hasBranch) await deleteBranch(record.repoPath, record.branch);
    this.screens.drop(record.id);
    this.parts.worktreeLoss.forget(record.id);
    this.store.remove(record.id);
    await rm(this.sessionDir(record.id), { recursive: true, force: true });
    this.events.emit('session.removed', { id: record.id });
  }

  /** Stops every agent but keeps sessions resumable: live ones are recorded as paused. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    // Queued sessions stay recorded as queued; the next open queues them again.
    const { launcher, git, gitOps, journal } = this.parts;
    launcher.close();
    // A launch still waiting for a host that will not come now starts without it (and is stopped below).
    this.parts.reach.close();
    this.parts.usage.close();
    this.parts.messages.close();
    this.parts.locks.close();
    // Validator runs and a merge queue under way stop before the agents and git do.
    await this.parts.reviewLoop.close();
    // A launch under way lands first, so the agent it starts is stopped below, not left running.
    await launcher.launches.settledAll();
    git.close();
    // A git action under way ends as it would have (a failed rebase aborted, a merge's checkout updated).
    const merging = Promise.all([git.idle(30_000), gitOps.drain(30_000)]);
    const grace = this.settings().killGraceMs;
    await Promise.all(
      [...this.runtimes.entries()].map(async ([id, runtime]) => {
        runtime.intent = 'shutdown';
        const record = this.store.get(id);
        if (record && canTransition(record.status, 'paused'))
          journal.transition(id, 'paused', 'host stopped; resume restarts the agent');
        await runtime.process.terminate(grace);
        await runtime.closed;
      }),
    );
    await merging;
    this.parts.agents.close();
    await this.parts.hooks.close();
    // After the agents: what they wrote last is read first.
    await this.parts.agentEvents.close();
    this.screens.dispose();
    await this.parts.containment.close();
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
