import { describe, expect, it } from 'vitest';
import { sessionFixture } from '../test-support/session-fixture.js';
import { repoName, visibleSessionIds, type ViewFilter } from './visible-sessions.js';

const session = sessionFixture;

const archived = session('z', { status: 'completed', archivedAt: '2026-01-01T01:00:00Z' });
const all: ViewFilter = { search: '', status: 'all', provider: '', repo: '', sort: 'created' };
const sessions = [
  session('a', {
    name: 'Docs',
    createdAt: '2026-01-01T00:00:01Z',
    status: 'idle',
    lastActivityAt: '2026-01-01T00:05:00Z',
  }),
  session('b', { name: 'tests 10', createdAt: '2026-01-01T00:00:02Z', status: 'waiting', provider: 'claude' }),
  session('c', { name: 'tests 9', createdAt: '2026-01-01T00:00:03Z', status: 'failed', repoPath: '/src/other' }),
];

describe('visibleSessionIds', () => {
  it('sorts by creation, attention, activity and name (numbers in names compare as numbers)', () => {
    expect(visibleSessionIds(sessions, all)).toEqual(['a', 'b', 'c']);
    expect(visibleSessionIds(sessions, { ...all, sort: 'attention' })).toEqual(['b', 'c', 'a']);
    expect(visibleSessionIds(sessions, { ...all, sort: 'activity' })[0]).toBe('a');
    expect(visibleSessionIds(sessions, { ...all, sort: 'name' })).toEqual(['a', 'c', 'b']);
  });

  it('filters by status, provider, repo and a case-insensitive search of name or branch', () => {
    expect(visibleSessionIds(sessions, { ...all, status: 'waiting' })).toEqual(['b']);
    expect(visibleSessionIds(sessions, { ...all, provider: 'demo' })).toEqual(['a', 'c']);
    expect(visibleSessionIds(sessions, { ...all, repo: '/src/other' })).toEqual(['c']);
    expect(visibleSessionIds(sessions, { ...all, search: 'TESTS' })).toEqual(['b', 'c']);
    expect(visibleSessionIds(sessions, { ...all, search: 'flotilla/a' })).toEqual(['a']);
  });

  it('leaves archived sessions out of the grid, whatever the filter', () => {
    expect(visibleSessionIds([...sessions, archived], all)).toEqual(['a', 'b', 'c']);
    expect(visibleSessionIds([...sessions, archived], { ...all, status: 'completed' })).toEqual([]);
  });

  it('names a repo by its last path part', () => {
    expect(repoName('/home/me/src/app/')).toBe('app');
    expect(repoName('C:\\src\\web')).toBe('web');
  });
});
