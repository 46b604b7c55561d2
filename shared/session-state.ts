import { FlotillaError } from './errors.js';
import type { SessionStatus } from './session.js';

// The session lifecycle (DESIGN §4), once for the engine, the dashboard and the CLI.

/** An agent process runs (working, asking, or done for now): pausable, counted against the concurrency limit. */
export const LIVE_STATUSES = ['running', 'waiting', 'idle'] as const satisfies readonly SessionStatus[];
export type LiveStatus = (typeof LIVE_STATUSES)[number];
/** Not yet paused or ended: queued or starting, or live. Their screens move. */
export const ACTIVE_STATUSES: readonly SessionStatus[] = ['creating', ...LIVE_STATUSES];
/** Finished; only Restart leads out of these. */
export const ENDED_STATUSES: readonly SessionStatus[] = ['completed', 'failed', 'cancelled'];
/** The agent has stopped working for now (it asks, waits, or ended): its worktree holds a settled change. */
export const AT_REST_STATUSES: readonly SessionStatus[] = ['waiting', 'idle', ...ENDED_STATUSES];
/** An agent process may still exist: live, or paused (stopped, not gone). */
export const ATTACHED_STATUSES: readonly SessionStatus[] = [...LIVE_STATUSES, 'paused'];

export const isLive = (status: SessionStatus): status is LiveStatus =>
  (LIVE_STATUSES as readonly SessionStatus[]).includes(status);
export const isActive = (status: SessionStatus): boolean => ACTIVE_STATUSES.includes(status);
export const isEnded = (status: SessionStatus): boolean => ENDED_STATUSES.includes(status);
export const isAtRest = (status: SessionStatus): boolean => AT_REST_STATUSES.includes(status);
export const isAttached = (status: SessionStatus): boolean => ATTACHED_STATUSES.includes(status);

/** Activity moves between the live statuses; paused and the endings are explicit. */
const TRANSITIONS: Record<SessionStatus, readonly SessionStatus[]> = {
  // creating -> paused: a create interrupted by a host crash, resumable once the worktree exists.
  creating: ['running', 'paused', ...ENDED_STATUSES],
  running: ['waiting', 'idle', 'paused', ...ENDED_STATUSES],
  waiting: ['running', 'idle', 'paused', ...ENDED_STATUSES],
  idle: ['running', 'waiting', 'paused', ...ENDED_STATUSES],
  paused: ['running', ...ENDED_STATUSES],
  // An ended session leaves its ending only by Restart (engine/sessions/session-restart.ts).
  completed: ['running'],
  failed: ['running'],
  cancelled: ['running'],
};

export function canTransition(from: SessionStatus, to: SessionStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: SessionStatus, to: SessionStatus): void {
  if (!canTransition(from, to)) {
    throw new FlotillaError('INVALID_STATE', `a ${from} session cannot become ${to}`);
  }
}
