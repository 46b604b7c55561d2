import type Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrationsDir, openDatabase } from './database.js';
import { RepoSettingsRepository } from './repo-settings-repository.js';

let dir: string;
let db: Database.Database;
let repo: RepoSettingsRepository;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'flotilla-repo-settings-'));
  db = await openDatabase(path.join(dir, 'flotilla.db'));
  repo = new RepoSettingsRepository(db);
});

/**
 * Migration 005 waits in migrations/pending/ until 003 and 004 (reserved) exist, since the runner refuses
 * gaps; until then the table is created here from the same file.
 */
function createTable(): void {
  if ((db.pragma('user_version', { simple: true }) as number) >= 5) return;
  const active = path.join(migrationsDir(), '005_repo_settings.sql');
  const file = existsSync(active) ? active : path.join(migrationsDir(), 'pending', '005_repo_settings.sql');
  db.exec(readFileSync(file, 'utf8'));
}

afterEach(async () => {
  db.close();
  await rm(dir, { recursive: true, force: true });
});

describe('RepoSettingsRepository', () => {
  it('gives defaults, and refuses to store, on a database without the table', () => {
    if ((db.pragma('user_version', { simple: true }) as number) >= 5) return;
    expect(repo.get('/src/app').copyFiles).toEqual([]);
    expect(() => repo.set({ repoPath: '/src/app', setupCommand: 'make' })).toThrow(/migration 005/);
  });

  it('gives defaults for an unknown repository', () => {
    createTable();
    expect(repo.get('/src/app')).toEqual({
      repoPath: '/src/app',
      copyFiles: [],
      setupCommand: '',
      setupTimeoutSec: 600,
    });
  });

  it('stores and patches settings per repository', () => {
    createTable();
    repo.set({ repoPath: '/src/app', copyFiles: ['.env', '.env.local'], setupCommand: 'npm ci' });
    repo.set({ repoPath: '/src/app', setupTimeoutSec: 60 });
    expect(repo.get('/src/app')).toEqual({
      repoPath: '/src/app',
      copyFiles: ['.env', '.env.local'],
      setupCommand: 'npm ci',
      setupTimeoutSec: 60,
    });
    expect(repo.get('/src/other').copyFiles).toEqual([]);
  });

  it('falls back to the defaults when a stored row is corrupt', () => {
    createTable();
    repo.set({ repoPath: '/src/app', setupCommand: 'make' });
    db.prepare("UPDATE repo_settings SET copy_files = '{not json' WHERE repo_path = ?").run('/src/app');
    expect(repo.get('/src/app').setupCommand).toBe('make');
    expect(repo.get('/src/app').copyFiles).toEqual([]);
    db.prepare('UPDATE repo_settings SET copy_files = \'["../escape"]\' WHERE repo_path = ?').run('/src/app');
    expect(repo.get('/src/app')).toMatchObject({ copyFiles: [], setupCommand: '' });
  });
});
