import { describe, expect, it } from 'vitest';
import type { ConflictPair } from '../../../shared/conflicts.js';
import { conflictFilesBetween, conflictsFirst, conflictsOf, describeConflicts } from './conflict-store.js';

const pair = (a: string, b: string | null, files: string[]): ConflictPair => ({
  repoPath: '/r',
  a,
  b,
  baseBranch: 'main',
  files,
});

describe('conflict store helpers', () => {
  it('gathers what one session conflicts with, from either side of a pair', () => {
    const byRepo = { '/r': [pair('x', 'y', ['a.ts', 'b.ts']), pair('z', 'x', ['c.ts']), pair('x', null, ['d.ts'])] };
    expect(conflictsOf(byRepo, 'x')).toEqual({
      sessions: [
        { id: 'y', files: ['a.ts', 'b.ts'] },
        { id: 'z', files: ['c.ts'] },
      ],
      base: { branch: 'main', files: ['d.ts'] },
    });
    expect(conflictsOf(byRepo, 'y')).toEqual({ sessions: [{ id: 'x', files: ['a.ts', 'b.ts'] }], base: null });
    expect(conflictFilesBetween(byRepo, 'y', 'x')).toEqual(['a.ts', 'b.ts']);
    expect(conflictFilesBetween(byRepo, 'y', 'z')).toEqual([]);
  });

  it('orders conflicting files first, then the rest in path order', () => {
    const rows = ['a', 'b', 'c', 'd'].map((path) => ({
      path,
      left: path !== 'a' ? {} : null,
      right: path === 'b' || path === 'd' ? {} : null,
    }));
    expect(conflictsFirst(rows, new Set(['d'])).map((r) => r.path)).toEqual(['d', 'a', 'b', 'c']);
  });

  it('words the badge: one session with its file count, several sessions, the base', () => {
    const name = (id: string) => id.toUpperCase();
    const one = { sessions: [{ id: 'y', files: ['a.ts', 'b.ts'] }], base: null };
    expect(describeConflicts(one, name)).toEqual({ text: 'conflicts with Y in 2 files', title: 'With Y: a.ts, b.ts' });
    const several = {
      sessions: [
        { id: 'y', files: ['a.ts'] },
        { id: 'z', files: ['c.ts'] },
      ],
      base: null,
    };
    expect(describeConflicts(several, name)?.text).toBe('conflicts with 2 sessions');
    expect(describeConflicts({ sessions: [], base: { branch: 'main', files: ['d.ts'] } }, name)).toEqual({
      text: 'conflicts with main',
      title: 'With main: d.ts',
    });
    expect(describeConflicts({ sessions: [], base: null }, name)).toBeNull();
  });
});
