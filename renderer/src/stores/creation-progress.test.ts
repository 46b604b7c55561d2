import { describe, expect, it } from 'vitest';
import type { Session } from '../../../shared/session.js';
import { sessionFixture } from '../test-support/session-fixture.js';
import { creationState, watchedSessions, type CreationWatch } from './creation-progress.js';

function session(id: string, patch: Partial<Session> = {}): Session {
  return sessionFixture(id, { status: 'creating', pid: null, ...patch });
}

describe('creation progress', () => {
  it('tells worktree, agent start, queue, start and failure apart', () => {
    expect(creationState(session('a'))).toBe('creating');
    expect(creationState(session('a', { pid: 42 }))).toBe('starting');
    expect(creationState(session('a', { queuedAt: '2026-01-01T00:00:01Z' }))).toBe('queued');
    expect(creationState(session('a', { status: 'running', pid: 42 }))).toBe('started');
    expect(creationState(session('a', { status: 'waiting', pid: 42 }))).toBe('started');
    expect(creationState(session('a', { status: 'failed', error: 'no git' }))).toBe('failed');
  });

  it('follows the new sessions of the repository until the host names its own, in creation order', () => {
    const old = session('old');
    const byId = {
      old,
      other: session('other', { repoPath: '/src/else' }),
      n2: session('n2', { name: 'docs #2' }),
      n10: session('n10', { name: 'docs #10' }),
    };
    const watch: CreationWatch = { before: new Set(['old']), repoRoot: '/src/app', ids: null };
    expect(watchedSessions(byId, watch).map((s) => s.id)).toEqual(['n2', 'n10']);
    expect(watchedSessions(byId, { ...watch, ids: ['n10', 'gone'] }).map((s) => s.id)).toEqual(['n10']);
    // The store's own objects: an unchanged session compares equal, so the dialog does not re-render for it.
    expect(watchedSessions(byId, watch)[0]).toBe(byId.n2);
  });
});
