import type { SessionStatus, StatusSource } from '../../../shared/session.js';
import { toSession, type SessionRecord, type SessionRepository } from '../../store/session-repository.js';
import type { EventHub } from '../event-hub.js';
import { assertTransition, isLive } from '../../../shared/session-state.js';

export function now(): string {
  return new Date().toISOString();
}

/**
 * Writes a session's lifecycle: every transition is persisted with its timestamped event in one
 * transaction and then announced to subscribers, so the database and every client agree.
 */
export class SessionJournal {
  constructor(
    private readonly store: SessionRepository,
    private readonly events: EventHub,
  ) {}

  /** Records a note on the session's history (not a status change). Never throws. */
  addEvent(id: string, kind: string, detail: string | null): void {
    try {
      this.store.update(id, {}, { at: now(), kind, fromStatus: null, toStatus: null, detail });
    } catch (error) {
      // The database itself may be what failed (disk full): say so to stderr and to the clients, who
      // would otherwise never learn that the session's history has a hole.
      const why = error instanceof Error ? error.message : String(error);
      console.error(`flotilla: could not record "${kind}" on session ${id}: ${detail ?? ''} (${why})`);
      this.events.emit('session.attention', {
        id,
        reason: `could not save "${kind}" to the session's history: ${why}`,
      });
    }
  }

  /** Moves a session to `to` (checked against the state machine) with `patch`, and announces it. */
  transition(id: string, to: SessionStatus, detail: string | null, patch: Partial<SessionRecord> = {}): void {
    const record = this.store.get(id);
    if (!record) return;
    if (record.status === to) {
      if (Object.keys(patch).length > 0) this.store.update(id, patch);
      return;
    }
    assertTransition(record.status, to);
    const at = now();
    const activity = isLive(to) ? { lastActivityAt: at } : {};
    const question = to === 'waiting' ? {} : { question: null };
    // The caller names the source (the status arbiter: hook or screen); else it follows from the transition.
    const source = { statusSource: defaultSource(record.status, to), statusSince: at };
    this.store.update(
      id,
      { ...question, ...activity, ...source, ...patch, status: to, updatedAt: at },
      { at, kind: 'status', fromStatus: record.status, toStatus: to, detail },
    );
    const session = toSession(this.store.get(id)!);
    this.events.emit('session.status', { session, from: record.status });
    if (to === 'paused') this.events.emit('session.paused', { session });
    if (record.status === 'paused' && to === 'running') this.events.emit('session.resumed', { session });
  }
}

/** Who moved a session to `to` when the caller does not say: the user pauses, resumes and kills; the rest is the process. */
function defaultSource(from: SessionStatus, to: SessionStatus): StatusSource {
  if (to === 'paused' || to === 'cancelled' || from === 'paused') return 'user';
  return 'process';
}
