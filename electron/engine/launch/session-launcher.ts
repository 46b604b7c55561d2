import type { Session } from '../../../shared/session.js';
import { isLive } from '../../../shared/session-state.js';
import type { Settings } from '../../../shared/settings.js';
import { toSession, type SessionRecord, type SessionRepository } from '../../store/session-repository.js';
import { preparedAgain, type PreparedSession } from '../sessions/create-session.js';
import type { EventHub } from '../event-hub.js';
import { LaunchGuard } from './launch-guard.js';
import { LaunchQueue } from './launch-queue.js';
import { now, type SessionJournal } from '../sessions/session-journal.js';

export interface SessionLauncherDeps {
  store: SessionRepository;
  journal: SessionJournal;
  events: EventHub;
  settings(): Settings;
  /** Ids of the sessions that have an agent process attached. */
  agentIds(): Iterable<string>;
  /** Starts the agent of a session whose worktree exists. */
  spawn(record: SessionRecord): Promise<void>;
  setupWorktree(record: SessionRecord): Promise<void>;
}

/**
 * Starts new sessions (worktree, then agent) under the max-concurrent-sessions setting. Sessions beyond it
 * are recorded as `creating` with `queuedAt` and a "Queued: …" event, and start in order as slots free up.
 * Resuming a paused agent is the user's explicit wish and is not held back; the queue waits until the count
 * is under the limit again.
 */
export class SessionLauncher {
  private readonly queue: LaunchQueue;
  /** One launch in flight per session, shared with resume (and restart): see LaunchGuard. */
  readonly launches = new LaunchGuard();

  constructor(private readonly deps: SessionLauncherDeps) {
    this.queue = new LaunchQueue({ limit: () => deps.settings().maxConcurrentSessions, live: () => this.liveAgents() });
  }

  /** Records the session and starts it (resolving once it runs or failed), or queues it. */
  async admit(prepared: PreparedSession): Promise<Session> {
    const { record } = prepared;
    const { store, journal, events } = this.deps;
    store.insert(record);
    for (const note of prepared.notes) journal.addEvent(record.id, 'note', note);
    events.emit('session.created', { session: toSession(record) });
    const started = this.queue.submit({ id: record.id, start: () => this.launch(prepared) });
    if (started) await started;
    else this.markQueued(record.id);
    return toSession(store.get(record.id)!);
  }

  /** Queues again the sessions that were queued when the host stopped (recovery leaves them `creating`). */
  requeueRecovered(): void {
    for (const record of this.deps.store.list()) {
      if (record.status !== 'creating' || !record.queuedAt) continue;
      const prepared = preparedAgain(record, (r) => this.deps.setupWorktree(r));
      const started = this.queue.submit({ id: record.id, start: () => this.launch(prepared) });
      if (!started) this.markQueued(record.id, 'The host restarted. ');
    }
  }

  /** Cancels a session still waiting for a slot (nothing of it was made); false when it is not queued. */
  cancelQueued(id: string): boolean {
    if (!this.queue.cancel(id)) return false;
    this.deps.journal.transition(id, 'cancelled', 'taken out of the queue before it started', { queuedAt: null });
    return true;
  }

  /** Starts queued sessions while there are free slots: call when an agent ended or paused, or the limit changed. */
  pump(): void {
    this.queue.pump();
  }

  /** Starts nothing more; queued sessions stay recorded as queued for the next start of the host. */
  close(): void {
    this.queue.close();
  }

  private markQueued(id: string, why = ''): void {
    const at = now();
    const running = this.queue.occupied();
    const limit = this.deps.settings().maxConcurrentSessions;
    const detail = `${why}Queued: ${running} ${running === 1 ? 'agent' : 'agents'} running, limit ${limit}`;
    this.deps.store.update(
      id,
      { queuedAt: at, updatedAt: at },
      { at, kind: 'queued', fromStatus: null, toStatus: null, detail },
    );
    this.announce(id);
  }

  private launch(prepared: PreparedSession): Promise<void> {
    return this.launches.run(prepared.record.id, () => this.start(prepared));
  }

  /** Makes the worktree and starts the agent; a failure leaves the session failed with the reason. */
  private async start(prepared: PreparedSession): Promise<void> {
    const { store, journal } = this.deps;
    const record = store.get(prepared.record.id);
    // Terminated or removed while it waited for a slot.
    if (!record || record.status !== 'creating') return;
    if (record.queuedAt) {
      const at = now();
      const event = { at, kind: 'dequeued', fromStatus: null, toStatus: null, detail: 'a slot is free; starting' };
      store.update(record.id, { queuedAt: null, updatedAt: at }, event);
      this.announce(record.id);
    }
    try {
      await prepared.createWorktree();
      await this.deps.spawn(record);
      journal.transition(record.id, 'running', 'agent started');
    } catch (error) {
      await prepared.rollback();
      const message = error instanceof Error ? error.message : String(error);
      // Terminated (or removed) while it was starting: it stays cancelled, its agent already stopped.
      if (store.get(record.id)?.status !== 'creating') return;
      journal.transition(record.id, 'failed', message, { error: message, pid: null });
    }
  }

  private announce(id: string): void {
    const record = this.deps.store.get(id);
    if (record) this.deps.events.emit('session.updated', { session: toSession(record) });
  }

  private liveAgents(): number {
    let live = 0;
    for (const id of this.deps.agentIds()) {
      const status = this.deps.store.get(id)?.status;
      // A paused (SIGSTOPped) agent uses no CPU and does not count against the limit.
      if (status && isLive(status)) live++;
    }
    return live;
  }
}
