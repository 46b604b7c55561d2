import { describe, expect, it } from 'vitest';
import type { ConflictPair } from '../../../shared/conflicts.js';
import { conflictFilesBetween, conflictsFirst, conflictsOf } from './conflict-store.js';

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
});
