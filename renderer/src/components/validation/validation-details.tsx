import type { Session } from '../../../../shared/session.js';

/** In a session's details: each validator's latest run with its output, and Validate / Send failures. */
export function ValidationDetails(_props: { session: Session }) {
  return null;
}
