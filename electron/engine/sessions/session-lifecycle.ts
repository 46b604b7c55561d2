import { existsSync } from 'node:fs';
import { FlotillaError } from '../../../shared/errors.js';
import type { SessionStatus } from '../../../shared/session.js';
import { isEnded, isLive } from '../../../shared/session-state.js';
import type { SessionRecord } from '../../store/session-repository.js';
import type { SessionJournal } from './session-journal.js';
import type { SessionLauncher } from '../launch/session-launcher.js';
import type { SessionRuntime } from '../agents/session-runtime.js';

export interface LifecycleDeps {
  runtimes: ReadonlyMap<string, SessionRuntime>;
  journal: SessionJournal;
  launcher: SessionLauncher;
  killGraceMs(): number;
  /** Starts the agent again in its worktree with the provider's resume form. */
  respawn(record: SessionRecord): Promise<void>;
  /** The session's status now (undefined once removed): records passed in may be from before a wait. */
  status(id: string): SessionStatus | undefined;
  /** Stops whatever a session without a live agent still has running (its cgroup, its marker). */
  sweep(id: string): Promise<unknown>;
}

/**
 * Pause, resume and terminate for one session: the signals to its process group, a respawn when the
 * agent is gone (after a restart), and every transition journaled.
 */
export class SessionLifecycle {
  constructor(private readonly deps: LifecycleDeps) {}

  async pause(record: SessionRecord): Promise<void> {
    if (!isLive(record.status)) {
      throw new FlotillaError('INVALID_STATE', `cannot pause a ${record.status} session`);
    }
    const runtime = this.deps.runtimes.get(record.id);
    if (!runtime || runtime.process.hasExited) {
      throw new FlotillaError('INVALID_STATE', `session ${record.id} has no running agent (${record.status})`);
    }
    runtime.tracker.suspend();
    await runtime.process.pause();
    this.deps.journal.transition(record.id, 'paused', 'paused by user (SIGSTOP)');
  }

  /**
   * SIGCONT to a stopped agent, or (after a restart) a respawn. A resume while that respawn is under way
   * joins it: one agent per session, however many clients or clicks ask.
   */
  async resume(record: SessionRecord): Promise<void> {
    const { journal, launcher } = this.deps;
    const pending = launcher.launches.pending(record.id);
    if (pending) return pending;
    if (record.status !== 'paused')
      throw new FlotillaError('INVALID_STATE', `cannot resume a ${record.status} session`);
    const runtime = this.deps.runtimes.get(record.id);
    if (runtime) {
      await runtime.process.resume();
      journal.transition(record.id, 'running', 'resumed (SIGCONT)');
      runtime.tracker.resume();
      return;
    }
    return launcher.launches.run(record.id, () => this.respawn(record));
  }

  private async respawn(record: SessionRecord): Promise<void> {
    const { journal } = this.deps;
    if (!existsSync(record.worktreePath)) {
      const reason = `worktree ${record.worktreePath} is missing`;
      journal.transition(record.id, 'failed', reason, { error: reason });
      throw new FlotillaError('INVALID_STATE', reason);
    }
    try {
      await this.deps.respawn(record);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      // Unless it was terminated meanwhile (the spawn stopped its agent and says so): it stays cancelled.
      if (this.deps.status(record.id) === 'paused') journal.transition(record.id, 'failed', reason, { error: reason });
      throw error;
    }
    journal.transition(record.id, 'running', 'agent restarted to resume the conversation');
  }

  /**
   * SIGTERM to the group, SIGKILL after the grace period; a queued session is simply cancelled. A launch
   * under way (create, resume, restart) is waited for first, so that the agent it starts is the one killed
   * rather than left running under a cancelled (or removed) session.
   */
  async terminate(record: SessionRecord): Promise<void> {
    if (this.deps.launcher.cancelQueued(record.id)) return;
    // Only when one is under way: an await here would let a launch begin unseen in the meantime.
    if (this.deps.launcher.launches.pending(record.id)) await this.deps.launcher.launches.settled(record.id);
    const status = this.deps.status(record.id);
    const runtime = this.deps.runtimes.get(record.id);
    if (!runtime) {
      // No agent (paused after a restart, or ended), but what it started may still run: a nohup'd job, a
      // daemon. Removal goes through here too, so nothing outlives the record.
      // Cancelled first, synchronously: a launch that would begin meanwhile then sees it and starts nothing.
      if (status !== undefined && !isEnded(status)) {
        this.deps.journal.transition(record.id, 'cancelled', 'terminated by user', { pid: null, question: null });
      }
      await this.deps.sweep(record.id);
      return;
    }
    runtime.intent = 'kill';
    await runtime.process.terminate(this.deps.killGraceMs());
    await runtime.closed;
  }
}
