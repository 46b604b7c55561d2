import { describe, expect, it } from 'vitest';
import type { DiffSummary } from '../../../shared/git.js';
import { baseStatusNotes } from './base-status-notes.js';

const stats = (change: Partial<DiffSummary>): DiffSummary => ({
  base: 'abc',
  changedFiles: 2,
  additions: 3,
  deletions: 1,
  ahead: 1,
  behind: 0,
  baseStatus: { branch: 'main', missing: false, dirtyCheckout: null },
  computedAt: 't',
  ...change,
});

describe('baseStatusNotes', () => {
  it('says nothing while the base is fine, or for hosts that do not report it', () => {
    expect(baseStatusNotes(stats({}))).toEqual([]);
    expect(baseStatusNotes(stats({ baseStatus: undefined, behind: 3 }))).toEqual([]);
    expect(baseStatusNotes(undefined)).toEqual([]);
  });

  it('says nothing about the base once the work is merged into it', () => {
    const dirty = { branch: 'main', missing: false, dirtyCheckout: { path: '/repo', changedFiles: 1 } };
    expect(baseStatusNotes(stats({ behind: 1, baseStatus: dirty })).map((n) => n.kind)).toEqual(['behind', 'dirty']);
    expect(baseStatusNotes(stats({ behind: 1, baseStatus: dirty, merged: true }))).toEqual([]);
  });

  it('names a missing base and nothing else', () => {
    const notes = baseStatusNotes(stats({ baseStatus: { branch: 'dev', missing: true, dirtyCheckout: null } }));
    expect(notes.map((n) => n.label)).toEqual(['dev gone']);
    expect(notes[0]?.detail).toContain('deleted or renamed outside Flotilla');
  });

  it('counts commits behind once there is work to merge, and names the dirty checkout', () => {
    const dirtyCheckout = { path: '/home/me/repo', changedFiles: 1 };
    const notes = baseStatusNotes(stats({ behind: 3, baseStatus: { branch: 'main', missing: false, dirtyCheckout } }));
    expect(notes.map((n) => n.label)).toEqual(['3 behind', 'main dirty']);
    expect(notes[1]?.detail).toContain('checked out in /home/me/repo with uncommitted changes (1 file)');
    expect(notes[1]?.detail).toContain('Merge into base will be refused');
    expect(baseStatusNotes(stats({ behind: 3, changedFiles: 0, ahead: 0 }))).toEqual([]);
  });
});
