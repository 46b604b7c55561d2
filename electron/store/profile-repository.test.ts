import type Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProfileCreateRequest } from '../../shared/provider-profile.js';
import { openDatabase } from './database.js';
import { ProfileRepository } from './profile-repository.js';

let dir: string;
let db: Database.Database;
let profiles: ProfileRepository;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'flotilla-profiles-'));
  db = await openDatabase(path.join(dir, 'flotilla.db'));
  profiles = new ProfileRepository(db);
});

afterEach(async () => {
  db.close();
  await rm(dir, { recursive: true, force: true });
});

describe('ProfileRepository', () => {
  it('creates, lists, finds by id or name, updates and deletes', () => {
    const work = profiles.create(
      ProfileCreateRequest.parse({ provider: 'claude', name: 'work', model: 'opus', extraArgs: ['--permission-mode', 'default'], env: { CLAUDE_CONFIG_DIR: '/c' } }),
    );
    expect(work).toMatchObject({ provider: 'claude', name: 'work', binaryPath: null, model: 'opus', extraArgs: ['--permission-mode', 'default'], env: { CLAUDE_CONFIG_DIR: '/c' } });
    const fast = profiles.create(ProfileCreateRequest.parse({ provider: 'codex', name: 'fast', binaryPath: '/opt/codex' }));
    expect(profiles.list().map((p) => p.name)).toEqual(['work', 'fast']);
    expect(profiles.find(work.id)).toEqual(work);
    expect(profiles.find('fast')).toEqual(fast);

    const updated = profiles.update({ id: 'work', model: null, extraArgs: [] });
    expect(updated).toMatchObject({ id: work.id, model: null, extraArgs: [], env: { CLAUDE_CONFIG_DIR: '/c' } });
    expect(profiles.get(work.id)).toEqual(updated);

    profiles.delete(fast.id);
    expect(profiles.get(fast.id)).toBeUndefined();
    expect(() => profiles.find('fast')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('names are unique per provider, not across providers', () => {
    profiles.create(ProfileCreateRequest.parse({ provider: 'claude', name: 'default' }));
    expect(() => profiles.create(ProfileCreateRequest.parse({ provider: 'claude', name: 'default' }))).toThrow(
      expect.objectContaining({ code: 'VALIDATION', message: 'a claude profile named "default" already exists' }),
    );
    profiles.create(ProfileCreateRequest.parse({ provider: 'codex', name: 'default' }));
    expect(() => profiles.find('default')).toThrow(expect.objectContaining({ code: 'AMBIGUOUS' }));
  });

  it('a hand-broken args or env column does not hide the profile', () => {
    const p = profiles.create(ProfileCreateRequest.parse({ provider: 'aider', name: 'x' }));
    db.prepare("UPDATE provider_profiles SET extra_args = 'not json', env = '[1]' WHERE id = ?").run(p.id);
    expect(profiles.get(p.id)).toMatchObject({ id: p.id, extraArgs: [], env: {} });
  });

  it('sessions remember their profile (migration 004 adds sessions.profile_id)', () => {
    const columns = (db.pragma('table_info(sessions)') as { name: string }[]).map((c) => c.name);
    expect(columns).toContain('profile_id');
  });
});
