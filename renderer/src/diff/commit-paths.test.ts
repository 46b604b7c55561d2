import { describe, expect, it } from 'vitest';
import type { DiffFile } from '../../../shared/git.js';
import { commitPaths } from './commit-paths.js';

const file = (path: string, extra: Partial<DiffFile> = {}): DiffFile => ({
  path,
  oldPath: null,
  status: 'modified',
  additions: 1,
  deletions: 0,
  binary: false,
  large: false,
  size: null,
  submodule: false,
  uncommitted: false,
  ...extra,
});

describe('commitPaths', () => {
  const files = [file('a.txt'), file('new.txt', { status: 'renamed', oldPath: 'old.txt' }), file('c.txt')];

  it('names no paths when every file is included, so the commit takes every change', () => {
    expect(commitPaths(files, new Set())).toBeUndefined();
  });

  it('names the included files, a rename with its old path', () => {
    expect(commitPaths(files, new Set(['c.txt']))).toEqual(['a.txt', 'old.txt', 'new.txt']);
    expect(commitPaths(files, new Set(['new.txt']))).toEqual(['a.txt', 'c.txt']);
  });

  it('ignores a left-out path that is no longer changed', () => {
    expect(commitPaths(files, new Set(['gone.txt']))).toBeUndefined();
  });
});
