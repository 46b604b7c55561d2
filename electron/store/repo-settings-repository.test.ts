import type Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';
import { RepoSettingsRepository } from './repo-settings-repository.js';

let dir: string;
let db: Database.Database;
let repo: RepoSettingsRepository;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'flotilla-repo-settings-'));
  db = await openDatabase(path.join(dir, 'flotilla.db'));
  repo = new RepoSettingsRepository(db);
});

afterEach(async () => {
  db.close();
  await rm(dir, { recursive: true, force: true });
});

describe('RepoSettingsRepository', () => {
  it('gives defaults for an unknown repository', () => {
    expect(repo.get('/src/app')).toEqual({
      repoPath: '/src/app',
      copyFiles: [],
      setupCommand: '',
      setupTimeoutSec: 600,
      heavyFolders: [],
    });
  });

  it('stores and patches settings per repository', () => {
    repo.set({ repoPath: '/src/app', copyFiles: ['.env', '.env.local'], setupCommand: 'npm ci' });
    repo.set({ repoPath: '/src/app', setupTimeoutSec: 60 });
    repo.set({ repoPath: '/src/app', heavyFolders: [{ path: 'node_modules', mode: 'clone' }] });
    expect(repo.get('/src/app')).toEqual({
      repoPath: '/src/app',
      copyFiles: ['.env', '.env.local'],
      setupCommand: 'npm ci',
      setupTimeoutSec: 60,
      heavyFolders: [{ path: 'node_modules', mode: 'clone' }],
    });
    expect(repo.get('/src/other').copyFiles).toEqual([]);
  });

  it('falls back to the defaults when a stored row is corrupt', () => {
    repo.set({ repoPath: '/src/app', setupCommand: 'make' });
    db.prepare("UPDATE repo_settings SET copy_files = '{not json' WHERE repo_path = ?").run('/src/app');
    expect(repo.get('/src/app').setupCommand).toBe('make');
    expect(repo.get('/src/app').copyFiles).toEqual([]);
    db.prepare('UPDATE repo_settings SET copy_files = \'["../escape"]\' WHERE repo_path = ?').run('/src/app');
    expect(repo.get('/src/app')).toMatchObject({ copyFiles: [], setupCommand: '' });
  });
});
