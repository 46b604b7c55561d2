import { describe, expect, it } from 'vitest';
import { exitNote } from './exit-note.js';
import { readFixture } from './fixtures/read-fixture.js';

describe('exitNote on recorded screens', () => {
  it('Claude Code offline: the heading and the cause', () => {
    expect(exitNote(readFixture('claude', 'offline-no-network'))).toBe(
      'Unable to connect to Anthropic services — Failed to connect to api.anthropic.com: ENOTFOUND',
    );
  });

  it('Claude Code after an API error, and without an account', () => {
    expect(exitNote(readFixture('claude', 'idle-after-api-error'))).toBe(
      'API Error: Unable to connect to API (FailedToOpenSocket)',
    );
    expect(exitNote(readFixture('claude', 'not-logged-in'))).toMatch(/^Not logged in · Please run \/login/);
  });

  it('nothing when the screen names no problem', () => {
    expect(exitNote(readFixture('codex', 'idle'))).toBeNull();
    expect(exitNote(['Something went badly wrong (demo crash).', '$'])).toBeNull();
    expect(exitNote([])).toBeNull();
  });

  it('a long line is cut', () => {
    expect(exitNote([`error: ${'x'.repeat(1000)}`])).toHaveLength(300);
  });
});
