import { describe, expect, it } from 'vitest';
import { formatSession, formatSessions } from './format.js';
import { sessionFixture } from '../test-support/session-fixture.js';

const at = new Date().toISOString();
const session = sessionFixture;

describe('CLI session formatting', () => {
  it('shows a session waiting for a slot as queued', () => {
    const table = formatSessions([session({ queuedAt: at }), session({ id: 'def456', status: 'running' })]);
    expect(table.split('\n').map((line) => line.split(/\s{2,}/)[3])).toEqual(['STATUS', 'queued', 'running']);
    expect(formatSession(session({ queuedAt: at }), [])).toContain(
      'status:    queued (waits for the max-concurrent-agents limit)',
    );
  });

  it('says which source set the status and since when (nothing for rows from before it was kept)', () => {
    const since = '2026-12-07T20:00:00.000Z';
    expect(formatSession(session({ status: 'idle', statusSource: 'hook', statusSince: since }), [])).toContain(
      `  source:    hook since ${since}`,
    );
    expect(formatSession(session({ status: 'idle' }), [])).not.toContain('source:');
  });

  it('a sign-in screen says how to sign in, under the question', () => {
    const question = {
      text: 'Choose how you want to use Codex.',
      options: ['Sign in with ChatGPT'],
      kind: 'sign-in' as const,
      hint: 'run `codex login`',
    };
    expect(formatSession(session({ status: 'waiting', question }), [])).toContain(
      '  question:  Choose how you want to use Codex.\n  sign-in:   run `codex login`\n             1. Sign in with ChatGPT',
    );
  });

  it('keeps every line of a multi-line error under its label', () => {
    const error = 'git worktree failed: fatal: one\nhint: two\nhint: three';
    const shown = formatSession(session({ status: 'failed', error }), [
      { id: 1, sessionId: 'abc123', at, kind: 'error', fromStatus: null, toStatus: null, detail: error },
    ]).split('\n');
    const status = shown.findIndex((line) => line.startsWith('  status:'));
    expect(shown.slice(status, status + 3)).toEqual([
      '  status:    failed — git worktree failed: fatal: one',
      '             hint: two',
      '             hint: three',
    ]);
    expect(shown.slice(-2)).toEqual(['      hint: two', '      hint: three']);
  });
});
