import { describe, expect, it } from 'vitest';
import type { DiffSummary } from '../../../shared/git.js';
import { mergeReadiness } from './merge-readiness.js';

const stats = (change: Partial<DiffSummary>): DiffSummary => ({
  base: 'abc',
  changedFiles: 1,
  additions: 2,
  deletions: 0,
  ahead: 1,
  behind: 0,
  baseStatus: { branch: 'main', missing: false, dirtyCheckout: null },
  computedAt: 't',
  ...change,
});

describe('mergeReadiness', () => {
  it('suggests Merge only for work not yet in the base, from a session that did not fail', () => {
    expect(mergeReadiness(stats({}), 'idle')).toBe('ready');
    expect(mergeReadiness(stats({ changedFiles: 0, ahead: 2 }), 'completed')).toBe('ready');
    expect(mergeReadiness(stats({ merged: true, behind: 1 }), 'idle')).toBe('merged');
    expect(mergeReadiness(stats({ changedFiles: 0, ahead: 0 }), 'idle')).toBe('empty');
    expect(mergeReadiness(stats({}), 'failed')).toBe('failed');
  });

  it('does not guess before the totals are in, or when the base is gone', () => {
    expect(mergeReadiness(undefined, 'idle')).toBe('unknown');
    expect(mergeReadiness(null, 'idle')).toBe('unknown');
    const gone = { branch: 'main', missing: true, dirtyCheckout: null };
    expect(mergeReadiness(stats({ baseStatus: gone }), 'idle')).toBe('unknown');
  });
});
