import type { Session } from '../../../../shared/session.js';

/** What messages and watches need to know of a session (a Session or a stored record both are one). */
export type MessageTarget = Pick<Session, 'id' | 'name' | 'status' | 'provider' | 'question' | 'error'>;

/** A session as messages name it: `w1 (ab12cd34)`. */
export function named(target: Pick<Session, 'id' | 'name'>): string {
  return `${target.name} (${target.id.slice(0, 8)})`;
}
