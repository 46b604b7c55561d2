import { FlotillaError } from '../../../shared/errors.js';
import type { ProviderRegistry } from '../../providers/registry.js';
import type { ProfileRepository } from '../../store/profile-repository.js';
import type { SessionRecord, SessionRepository } from '../../store/session-repository.js';
import type { Activity } from './activity-tracker.js';
import { launchAgent } from './agent-launch.js';
import type { AgentProcess, ExitInfo } from './agent-process.js';
import type { EventHub } from '../event-hub.js';
import type { ScreenCache } from '../output/screen-cache.js';
import type { SessionAnswers } from '../answers/session-answers.js';
import { now, type SessionJournal } from '../sessions/session-journal.js';
import type { SessionContainment } from '../processes/session-containment.js';
import { SessionRuntime, type StopIntent } from './session-runtime.js';
import { exitNote } from '../../providers/exit-note.js';
import { canTransition, isEnded } from '../../../shared/session-state.js';

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
}

/**
 * The live agents: starts one in a session's worktree, and turns what it does (output, activity on
 * its screen, its exit) into session state, events and history.
 */
export class AgentSupervisor {
  readonly runtimes = new Map<string, SessionRuntime>();
  private readonly activityPersistedAt = new Map<string, number>();

  constructor(private readonly deps: SupervisorDeps) {}

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
      },
      record,
      mode,
    );
    const runtime = new SessionRuntime(agent, mirror, log, provider, deps.idleQuietMs, {
      onOutput: (data) => this.onOutput(record.id, data),
      onActivity: (activity) => this.onActivity(record.id, activity),
      onExit: (info, intent, screen) => this.onExit(record.id, info, intent, screen),
    });
    this.runtimes.set(record.id, runtime);
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
    const record = this.deps.store.get(id);
    // An ended session leaves its ending only by Restart, never by what a dying agent last drew.
    if (!record || isEnded(record.status)) return;
    // waiting -> waiting is no transition, but its question must still replace the stored one (answers are
    // checked against it): Claude Code's Edit dialog first draws "…" and then the diff; a second dialog
    // can follow the first at once.
    if (record.status !== activity.status && !canTransition(record.status, activity.status)) return;
    this.deps.journal.transition(id, activity.status, activity.question?.text ?? null, { question: activity.question });
    if (activity.question) {
      this.deps.events.emit('session.prompt', { id, question: activity.question });
      if (record.autoYes) this.deps.answers().autoAnswer(id);
    }
  }

  private onExit(id: string, info: ExitInfo, intent: StopIntent, screen: string[]): void {
    const { deps } = this;
    const runtime = this.runtimes.get(id);
    this.runtimes.delete(id);
    this.activityPersistedAt.delete(id);
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
