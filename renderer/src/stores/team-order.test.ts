import { describe, expect, it } from 'vitest';
import { sessionFixture as session } from '../test-support/session-fixture.js';
import { withTeams } from './team-order.js';
import { visibleSessionIds, type ViewFilter } from './visible-sessions.js';

const at = (n: number) => `2026-01-01T00:00:0${n}Z`;
// Created in this order: a worker of em is made after "solo", yet sits right after em.
const em = session('em', { createdAt: at(1), status: 'idle' });
const solo = session('solo', { createdAt: at(2), status: 'waiting' });
const w1 = session('w1', { createdAt: at(3), parentId: 'em', status: 'running' });
const w2 = session('w2', { createdAt: at(4), parentId: 'em', status: 'waiting' });
const sub = session('sub', { createdAt: at(5), parentId: 'w1' });
const all: ViewFilter = { search: '', status: 'all', provider: '', repo: '', sort: 'created' };

describe('withTeams (grid order of parents and children)', () => {
  it('puts children right after their parent, grandchildren after theirs, whatever the sort', () => {
    const sessions = [em, solo, w1, w2, sub];
    expect(visibleSessionIds(sessions, all)).toEqual(['em', 'w1', 'sub', 'w2', 'solo']);
    // By attention waiting comes first, but a waiting worker stays with its parent, first among its siblings.
    expect(visibleSessionIds(sessions, { ...all, sort: 'attention' })).toEqual(['solo', 'em', 'w2', 'w1', 'sub']);
  });

  it('leaves out every descendant of a folded parent, and only those', () => {
    const sessions = [em, solo, w1, w2, sub];
    expect(visibleSessionIds(sessions, all, { em: true })).toEqual(['em', 'solo']);
    expect(visibleSessionIds(sessions, all, { w1: true })).toEqual(['em', 'w1', 'w2', 'solo']);
  });

  it('shows a child on its own when its parent is filtered out, and survives a parent cycle', () => {
    expect(visibleSessionIds([em, solo, w1, w2], { ...all, status: 'waiting' })).toEqual(['solo', 'w2']);
    const a = session('a', { parentId: 'b' });
    const b = session('b', { parentId: 'a' });
    expect(withTeams([a, b]).sort()).toEqual(['a', 'b']);
  });
});
