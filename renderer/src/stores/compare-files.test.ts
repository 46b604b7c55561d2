import { describe, expect, it } from 'vitest';
import type { DiffFile } from '../../../shared/git.js';
import { compareCounts, compareFiles } from './compare-files.js';

const file = (path: string, additions = 1, deletions = 0): DiffFile => ({
  path,
  oldPath: null,
  status: 'modified',
  additions,
  deletions,
  binary: false,
  large: false,
  size: null,
  submodule: false,
  uncommitted: false,
});

describe('compareFiles', () => {
  it('unites both file lists by path, in path order, keeping each side', () => {
    const left = [file('src/b.ts', 3, 1), file('README.md', 2)];
    const right = [file('src/a.ts'), file('src/b.ts', 5, 0)];
    const rows = compareFiles(left, right);
    expect(rows.map((r) => r.path)).toEqual(['README.md', 'src/a.ts', 'src/b.ts']);
    expect(rows[0]).toEqual({ path: 'README.md', left: left[1], right: null });
    expect(rows[1]).toEqual({ path: 'src/a.ts', left: null, right: right[0] });
    expect(rows[2]).toEqual({ path: 'src/b.ts', left: left[0], right: right[1] });
    expect(compareCounts(rows)).toEqual({ both: 1, onlyLeft: 1, onlyRight: 1 });
  });

  it('is empty when neither session changed anything', () => {
    expect(compareFiles([], [])).toEqual([]);
    expect(compareCounts([])).toEqual({ both: 0, onlyLeft: 0, onlyRight: 0 });
  });
});
