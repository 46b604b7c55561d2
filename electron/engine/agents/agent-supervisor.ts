import { FlotillaError } from '../../../shared/errors.js';
import type { ProviderRegistry } from '../../providers/registry.js';
import type { ProfileRepository } from '../../store/profile-repository.js';
import type { SessionRecord, SessionRepository } from '../../store/session-repository.js';
import type { Activity } from './activity-tracker.js';
import { launchAgent, type LaunchDeps } from './agent-launch.js';
import type { AgentProcess, ExitInfo } from './agent-process.js';
import type { EventHub } from '../event-hub.js';
import type { ScreenCache } from '../output/screen-cache.js';
import type { SessionAnswers } from '../answers/session-answers.js';
import { now, type SessionJournal } from '../sessions/session-journal.js';
import type { SessionContainment } from '../processes/session-containment.js';
import { SessionRuntime, type StopIntent } from './session-runtime.js';
import { exitNote } from '../../providers/exit-note.js';
import { canTransition, isEnded, isLive } from '../../../shared/session-state.js';
import type { HookEvent } from '../hooks/hook-event.js';
import type { SessionHooks } from '../hooks/session-hooks.js';
import { StatusArbiter, type Verdict } from '../hooks/status-arbiter.js';
import type { StatusSources } from '../hooks/status-sources.js';
import type { Provider } from '../../providers/provider.js';
import { sameQuestion } from '../answers/session-answers.js';

/** lastActivityAt is written to the database at most this often per session (it changes on every read). */
const ACTIVITY_PERSIST_MS = 5000;
/**
 * Codex (0.171) takes an Enter that comes within 120 ms of a fast burst of keys as a newline in the pasted
 * text, not as submit: measured in tmux, 5 of 5 lines sent with the Enter 30 ms after the text stayed
 * unsent, 5 of 5 with 200 ms went.
 */
const ENTER_DELAY_MS = 200;

export interface SupervisorDeps {
  store: SessionRepository;
  journal: SessionJournal;
  events: EventHub;
  providers: ProviderRegistry;
  profiles: ProfileRepository;
  screens: ScreenCache;
  env: NodeJS.ProcessEnv;
  sessionDir(id: string): string;
  idleQuietMs(): number;
  answers(): SessionAnswers;
  /** Whether the session's worktree is gone (and, the first time, reports it). */
  worktreeLost(id: string): boolean;
  /** An agent ended: a queued session may start. */
  slotFreed(): void;
  killGraceMs(): number;
  /** Where each agent's processes are kept together (a cgroup, or the marker). */
  containment: SessionContainment;
  /** The CLIs' hooks: each launch's credential, and where the events come from. */
  hooks: SessionHooks;
  /** Which sources may set status (FLOTILLA_STATUS_SOURCES). */
  sources: StatusSources;
  /** How an agent reaches the host (its URL, the session's credential, `flotilla` on PATH), once one listens. */
  reach?: LaunchDeps['reach'];
  extraEnv?: LaunchDeps['extraEnv'];
  /** Setting agentMcp: agents get Flotilla's MCP server. */
  agentMcp?(): boolean;
}

/** Status reading with the screen readers switched off: a blank screen (answers still read the real one). */
const BLIND: Pick<Provider, 'readScreen'> = { readScreen: () => ({ busy: false, question: null }) };

/**
 * The live agents: starts one in a session's worktree, and turns what it does (output, activity on
 * its screen, its exit) into session state, events and history.
 */
export class AgentSupervisor {
  readonly runtimes = new Map<string, SessionRuntime>();
  private readonly activityPersistedAt = new Map<string, number>();
  /** Decides each live session's status from its hooks and its screen. */
  private readonly arbiter: StatusArbiter;

  constructor(private readonly deps: SupervisorDeps) {
    this.arbiter = new StatusArbiter({
      status: (id) => {
        const status = this.runtimes.has(id) ? deps.store.get(id)?.status : undefined;
        return status === undefined || isEnded(status) ? undefined : isLive(status) ? status : 'other';
      },
      question: (id) => deps.store.get(id)?.question ?? null,
      apply: (id, verdict) => this.apply(id, verdict),
      screenNow: async (id) => {
        const runtime = this.runtimes.get(id);
        const record = deps.store.get(id);
        if (!runtime || !record) return null;
        const lines = await runtime.mirror.lines();
        return { lines, reading: this.reader(deps.providers.get(record.provider)).readScreen(lines) };
      },
      rereadScreen: async (id) => {
        const tracker = this.runtimes.get(id)?.tracker;
        if (!tracker) return null;
        await tracker.evaluate();
        return tracker.activity;
      },
      note: (id, kind, detail) => deps.journal.addEvent(id, kind, detail),
    });
  }

  /** A hook event of a session (from SessionHooks): its word on the status. */
  hookEvent(event: HookEvent): void {
    if (!this.runtimes.has(event.sessionId)) return;
    void this.arbiter.fromHook(event).catch((error: unknown) => {
      console.error(`flotilla: hook ${event.event} of session ${event.sessionId} failed:`, error);
    });
  }

  close(): void {
    this.arbiter.close();
  }

  private reader(provider: Provider): Pick<Provider, 'readScreen'> {
    return this.deps.sources.screen ? provider : BLIND;
  }

  /**
   * Starts the session's agent. Never a second one: a session with a live agent is refused. A session
   * terminated or removed while its agent was being started (a caller that did not wait) gets that agent
   * stopped at once, and the spawn fails saying so.
   */
  async spawn(record: SessionRecord, mode: 'launch' | 'resume'): Promise<void> {
    const { deps } = this;
    const live = this.runtimes.get(record.id);
    if (live && !live.process.hasExited) {
      throw new FlotillaError(
        'INVALID_STATE',
        `session ${record.id} already has a running agent (pid ${live.process.pid})`,
      );
    }
    const { agent, mirror, log, provider, prompt } = await launchAgent(
      {
        providers: deps.providers,
        profiles: deps.profiles,
        journal: deps.journal,
        screens: deps.screens,
        env: deps.env,
        sessionDir: deps.sessionDir,
        containment: deps.containment,
        prepareHooks: (id) => deps.hooks.prepare(id),
        reach: deps.reach,
        extraEnv: deps.extraEnv,
        agentMcp: deps.agentMcp,
      },
      record,
      mode,
    );
    const reader = { ...provider, ...this.reader(provider) };
    const runtime = new SessionRuntime(agent, mirror, log, reader, deps.idleQuietMs, {
      onOutput: (data) => this.onOutput(record.id, data),
      onActivity: (activity) => this.onActivity(record.id, activity),
      onExit: (info, intent, screen) => this.onExit(record.id, info, intent, screen),
    });
    this.runtimes.set(record.id, runtime);
    agent.onInput = (data) => this.arbiter.fromInput(record.id, data);
    const now = deps.store.get(record.id);
    if (!now || isEnded(now.status)) {
      runtime.intent = 'kill';
      await agent.terminate(deps.killGraceMs());
      await runtime.closed;
      const what = now ? `was ${now.status}` : 'was removed';
      throw new FlotillaError(
        'INVALID_STATE',
        `session ${record.id} ${what} while its agent started; the agent was stopped`,
      );
    }
    deps.store.update(record.id, { pid: agent.pid, pidStartTime: (await agent.startTime()) ?? null, exitCode: null });
    if (provider.typesPrompt && prompt) typeLine(agent, prompt);
  }

  private onOutput(id: string, data: string): void {
    this.deps.events.emit('session.output', { id, data });
    const last = this.activityPersistedAt.get(id) ?? 0;
    if (Date.now() - last >= ACTIVITY_PERSIST_MS) {
      this.activityPersistedAt.set(id, Date.now());
      this.deps.store.update(id, { lastActivityAt: now() });
    }
  }

  private onActivity(id: string, activity: Activity): void {
    this.arbiter.fromScreen(id, activity);
  }

  /** Records the arbiter's verdict: a transition with its source, or a new question while waiting. */
  private apply(id: string, verdict: Verdict): void {
    const record = this.deps.store.get(id);
    // An ended session leaves its ending only by Restart, never by what a dying agent last drew.
    if (!record || isEnded(record.status)) return;
    // A hook posted just before a pause lands after it: only the screen (read again on resume) moves on from there.
    if (verdict.source === 'hook' && !isLive(record.status)) return;
    if (record.status !== verdict.status && !canTransition(record.status, verdict.status)) return;
    const changed = record.status !== verdict.status;
    const newQuestion =
      verdict.question !== null && (!record.question || !sameQuestion(record.question, verdict.question));
    // waiting -> waiting is no transition, but its question must still replace the stored one (answers are
    // checked against it): Claude Code's Edit dialog first draws "…" and then the diff; a second dialog
    // can follow the first at once.
    if (!changed && !newQuestion && (verdict.question !== null || record.question === null)) return;
    const detail = verdict.question?.text ?? (verdict.source === 'hook' ? `hook: ${verdict.detail ?? ''}` : null);
    const patch = changed
      ? { question: verdict.question, statusSource: verdict.source }
      : { question: verdict.question };
    this.deps.journal.transition(id, verdict.status, detail, patch);
    if (verdict.question && (changed || newQuestion)) {
      this.deps.events.emit('session.prompt', { id, question: verdict.question });
      if (record.autoYes) this.deps.answers().autoAnswer(id);
    }
  }

  private onExit(id: string, info: ExitInfo, intent: StopIntent, screen: string[]): void {
    const { deps } = this;
    const runtime = this.runtimes.get(id);
    this.runtimes.delete(id);
    this.activityPersistedAt.delete(id);
    this.arbiter.forget(id);
    deps.hooks.revoke(id);
    deps.answers().cancel(id);
    if (runtime) deps.screens.keep(id, runtime.mirror);
    deps.events.emit('session.exited', { id, ...info });
    const record = deps.store.get(id);
    if (!record) return;
    const patch = { pid: null, pidStartTime: null, exitCode: info.exitCode, question: null };
    if (intent === 'shutdown' || isEnded(record.status)) {
      deps.store.update(id, patch);
    } else if (intent === 'kill') {
      deps.journal.transition(id, 'cancelled', 'terminated by user', patch);
    } else if (info.exitCode === 0) {
      deps.journal.transition(id, 'completed', 'agent exited with code 0', patch);
    } else {
      const said = exitNote(screen);
      const code = info.signal
        ? `agent was killed by signal ${info.signal}`
        : `agent exited with code ${info.exitCode}`;
      const exit = said ? `${code}: ${said}` : code;
      const reason = deps.worktreeLost(id) ? `${exit}; its worktree ${record.worktreePath} had been deleted` : exit;
      deps.journal.transition(id, 'failed', reason, { ...patch, error: reason });
    }
    deps.slotFreed();
  }
}

/** Types a line into an agent: the text, then a separate Enter, so TUIs that treat a fast burst as a paste still submit it. */
export function typeLine(agent: AgentProcess, text: string): void {
  agent.write(text);
  setTimeout(() => agent.write('\r'), ENTER_DELAY_MS);
}
