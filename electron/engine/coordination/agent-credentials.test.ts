import { describe, expect, it } from 'vitest';
import { AgentCredentials } from './agent-credentials.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('AgentCredentials', () => {
  const credentials = new AgentCredentials('the-host-token-0123456789');

  it('verifies what it issued, for that session only', () => {
    const credential = credentials.issue('1a2b3c4d');
    expect(credential).toMatch(/^1a2b3c4d\.[A-Za-z0-9_-]{43}$/);
    expect(credentials.verify(credential)).toBe('1a2b3c4d');
    expect(new AgentCredentials('another-token-0123456789').verify(credential)).toBeUndefined();
    for (const bad of [undefined, '', '.', '1a2b3c4d', '1a2b3c4d.', `x${credential}`, `${credential}A`]) {
      expect(credentials.verify(bad)).toBeUndefined();
    }
  });

  it('refuses every other spelling of the MAC, even one base64url decodes to the same bytes', () => {
    const credential = credentials.issue('1a2b3c4d');
    const last = credential.at(-1)!;
    // The last of 43 characters carries 4 bits: 3 other characters decode to the same 32 bytes.
    const twins = [...ALPHABET].filter((c) => c !== last && ALPHABET.indexOf(c) >> 2 === ALPHABET.indexOf(last) >> 2);
    expect(twins).toHaveLength(3);
    for (const twin of twins) {
      const variant = credential.slice(0, -1) + twin;
      expect(Buffer.from(variant.split('.')[1]!, 'base64url')).toEqual(
        Buffer.from(credential.split('.')[1]!, 'base64url'),
      );
      expect(credentials.verify(variant)).toBeUndefined();
    }
  });
});
