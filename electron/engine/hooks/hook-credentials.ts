import { randomBytes, timingSafeEqual } from 'node:crypto';

export type CredentialCheck = 'ok' | 'unknown-session' | 'wrong-credential';

/**
 * One random credential per launch of a session's agent, kept in memory only: a restarted host relaunches
 * the agents, which get new ones. A credential is good for its own session and no other.
 */
export class HookCredentials {
  private readonly bySession = new Map<string, Buffer>();

  /** A fresh credential for the session's new agent; the previous one stops working. */
  issue(sessionId: string): string {
    const token = randomBytes(24).toString('base64url');
    this.bySession.set(sessionId, Buffer.from(token));
    return token;
  }

  check(sessionId: string, token: string): CredentialCheck {
    const expected = this.bySession.get(sessionId);
    if (!expected) return 'unknown-session';
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected) ? 'ok' : 'wrong-credential';
  }

  revoke(sessionId: string): void {
    this.bySession.delete(sessionId);
  }
}
