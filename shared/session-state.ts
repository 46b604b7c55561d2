import { FlotillaError } from './errors.js';
import type { SessionStatus } from './session.js';

const ENDINGS: SessionStatus[] = ['completed', 'failed', 'cancelled'];

/** The lifecycle (DESIGN §4): activity moves between running/waiting/idle; paused and the endings are explicit. */
const TRANSITIONS: Record<SessionStatus, readonly SessionStatus[]> = {
  // creating -> paused: a create interrupted by a host crash, resumable once the worktree exists.
  creating: ['running', 'paused', ...ENDINGS],
  running: ['waiting', 'idle', 'paused', ...ENDINGS],
  waiting: ['running', 'idle', 'paused', ...ENDINGS],
  idle: ['running', 'waiting', 'paused', ...ENDINGS],
  paused: ['running', ...ENDINGS],
  // An ended session leaves its ending only by Restart (session-restart.ts): the agent again in its worktree.
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
