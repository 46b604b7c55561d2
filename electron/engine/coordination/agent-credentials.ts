import { createHmac, timingSafeEqual } from 'node:crypto';

/** Domain separation: a MAC made for a session credential is never valid as anything else keyed the same. */
const PURPOSE = 'flotilla-session-credential:v1:';
const SESSION_ID = /^[A-Za-z0-9_-]{1,200}$/;

/**
 * A credential per session that needs no table: `<sessionId>.<HMAC-SHA256(key, sessionId)>` in base64url.
 * The key is the host's token (see AgentReach): the agent never learns the token itself (HMAC is one-way),
 * and rotating the token (`flotilla token --rotate`) revokes every agent's credential at the next start.
 * Whether the session still exists is the caller's check (a removed session's credential must stop working).
 */
export class AgentCredentials {
  constructor(private readonly key: string) {}

  issue(sessionId: string): string {
    if (!SESSION_ID.test(sessionId)) throw new Error(`not a session id: ${JSON.stringify(sessionId)}`);
    return `${sessionId}.${this.mac(sessionId).toString('base64url')}`;
  }

  /** The session a credential was issued to, or undefined for anything forged, altered or malformed. */
  verify(credential: string | undefined): string | undefined {
    if (!credential) return undefined;
    const dot = credential.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const sessionId = credential.slice(0, dot);
    if (!SESSION_ID.test(sessionId)) return undefined;
    const given = Buffer.from(credential.slice(dot + 1), 'base64url');
    const expected = this.mac(sessionId);
    // base64url decoding ignores stray characters: compare the canonical form too, so no variant passes.
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    return credential.slice(dot + 1) === expected.toString('base64url') ? sessionId : undefined;
  }

  private mac(sessionId: string): Buffer {
    return createHmac('sha256', this.key)
      .update(PURPOSE + sessionId)
      .digest();
  }
}
