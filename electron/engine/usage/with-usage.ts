import type { Session } from '../../../shared/session.js';
import type { SessionUsage } from '../../../shared/usage.js';

/** The session as the contract shows it, with its usage when any was counted. */
export function withUsage(session: Session, usage: SessionUsage | undefined): Session {
  return usage ? { ...session, usage } : session;
}
