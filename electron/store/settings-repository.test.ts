import type Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/settings.js';
import { openDatabase } from './database.js';
import { SettingsRepository } from './settings-repository.js';

let dir: string;
let db: Database.Database;
let settings: SettingsRepository;

function storeRaw(key: string, value: string): void {
  db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(key, value);
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'flotilla-settings-'));
  db = await openDatabase(path.join(dir, 'flotilla.db'));
  settings = new SettingsRepository(db);
});

afterEach(async () => {
  db.close();
  await rm(dir, { recursive: true, force: true });
});

describe('SettingsRepository', () => {
  it('returns the defaults when nothing is stored', () => {
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('set stores the patched keys, returns the merged settings and leaves the others at their defaults', () => {
    const result = settings.set({ branchPrefix: 'agents/', idleQuietMs: 2500 });

    const expected = { ...DEFAULT_SETTINGS, branchPrefix: 'agents/', idleQuietMs: 2500 };
    expect(result).toEqual(expected);
    expect(settings.get()).toEqual(expected);
    expect(db.prepare('SELECT key, value FROM settings ORDER BY key').all()).toEqual([
      { key: 'branchPrefix', value: '"agents/"' },
      { key: 'idleQuietMs', value: '2500' },
    ]);
  });

  it('a later set overwrites an earlier value and keeps the rest', () => {
    settings.set({ defaultProvider: 'shell', killGraceMs: 500 });
    settings.set({ killGraceMs: 700 });
    expect(settings.get()).toMatchObject({ defaultProvider: 'shell', killGraceMs: 700 });
  });

  it('ignores keys whose value is undefined in the patch', () => {
    settings.set({ worktreeRoot: '/wt' });
    settings.set({ worktreeRoot: undefined, branchPrefix: 'x/' });
    expect(settings.get()).toMatchObject({ worktreeRoot: '/wt', branchPrefix: 'x/' });
  });

  it('stores the guard lists as JSON; a stored list naming a rule this version lacks falls back to none', () => {
    settings.set({ guardDisabledRules: ['sudo'], guardExtraPatterns: ['make\\s+deploy'] });
    expect(settings.get()).toMatchObject({ guardDisabledRules: ['sudo'], guardExtraPatterns: ['make\\s+deploy'] });
    storeRaw('guardDisabledRules', '["sudo","rule-from-the-future"]');
    expect(settings.get().guardDisabledRules).toEqual([]);
  });

  it('stores the notification switches as one JSON value; a stored value missing a switch falls back to all on', () => {
    settings.set({ notifyOn: { waiting: true, completed: false, failed: true } });
    expect(settings.get().notifyOn).toEqual({ waiting: true, completed: false, failed: true });
    expect(db.prepare("SELECT value FROM settings WHERE key = 'notifyOn'").get()).toEqual({
      value: '{"waiting":true,"completed":false,"failed":true}',
    });
    storeRaw('notifyOn', JSON.stringify({ waiting: false }));
    expect(settings.get().notifyOn).toEqual(DEFAULT_SETTINGS.notifyOn);
  });

  it('a branch prefix saved before the stricter check, which git would refuse, falls back to the default', () => {
    storeRaw('branchPrefix', JSON.stringify('team//agents/'));
    expect(settings.get().branchPrefix).toBe(DEFAULT_SETTINGS.branchPrefix);
  });

  it('persists across a reopened database', async () => {
    settings.set({ worktreeRoot: '/somewhere/else' });
    db.close();
    db = await openDatabase(path.join(dir, 'flotilla.db'));
    expect(new SettingsRepository(db).get().worktreeRoot).toBe('/somewhere/else');
  });

  it('falls back to the default for each stored value the schema rejects, keeping the valid ones', () => {
    storeRaw('branchPrefix', JSON.stringify('has spaces!'));
    storeRaw('idleQuietMs', JSON.stringify(5));
    storeRaw('killGraceMs', JSON.stringify('3000'));
    storeRaw('defaultProvider', JSON.stringify('shell'));

    expect(settings.get()).toEqual({ ...DEFAULT_SETTINGS, defaultProvider: 'shell' });
  });

  it('falls back to the default for a stored value that is not JSON at all', () => {
    storeRaw('idleQuietMs', '{not json');
    storeRaw('worktreeRoot', JSON.stringify('/kept'));

    expect(settings.get()).toEqual({ ...DEFAULT_SETTINGS, worktreeRoot: '/kept' });
  });

  it('ignores unknown stored keys', () => {
    storeRaw('retiredSetting', JSON.stringify(true));
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(Object.keys(settings.get())).not.toContain('retiredSetting');
  });
});
