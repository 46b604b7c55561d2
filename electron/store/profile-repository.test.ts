import type Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProfileCreateRequest } from '../../shared/provider-profile.js';
import { openDatabase } from './database.js';
import { ProfileRepository } from './profile-repository.js';
import type { SecretBox } from './secret-box.js';

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
      ProfileCreateRequest.parse({
        provider: 'claude',
        name: 'work',
        model: 'opus',
        extraArgs: ['--permission-mode', 'default'],
        env: { CLAUDE_CONFIG_DIR: '/c' },
      }),
    );
    expect(work).toMatchObject({
      provider: 'claude',
      name: 'work',
      binaryPath: null,
      model: 'opus',
      extraArgs: ['--permission-mode', 'default'],
      env: { CLAUDE_CONFIG_DIR: '/c' },
    });
    const fast = profiles.create(
      ProfileCreateRequest.parse({ provider: 'codex', name: 'fast', binaryPath: '/opt/codex' }),
    );
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

/** A stand-in for the OS keychain: reversible, recognisable, and it counts its calls. */
function testBox(key = 'k1'): SecretBox & { calls: number } {
  const box = {
    calls: 0,
    encrypt(plain: string) {
      box.calls += 1;
      return `${key}:${Buffer.from(plain).toString('base64')}`;
    },
    decrypt(sealed: string) {
      box.calls += 1;
      if (!sealed.startsWith(`${key}:`)) throw new Error('sealed with another key');
      return Buffer.from(sealed.slice(key.length + 1), 'base64').toString();
    },
  };
  return box;
}

/** What a local reader of the data directory sees: the database and its WAL, as bytes. */
function filesOnDisk(): string {
  const file = path.join(dir, 'flotilla.db');
  return ['', '-wal']
    .map((suffix) => {
      try {
        return readFileSync(`${file}${suffix}`, 'latin1');
      } catch {
        return '';
      }
    })
    .join('');
}

const SECRET = 'sk-ant-secret-4f9c2e1b';

describe('ProfileRepository with a secret box (the desktop keychain)', () => {
  it('keeps env values out of the database files and reads them back', () => {
    const box = testBox();
    const sealed = new ProfileRepository(db, box);
    const p = sealed.create(
      ProfileCreateRequest.parse({ provider: 'claude', name: 'work', env: { ANTHROPIC_API_KEY: SECRET } }),
    );
    expect(box.calls).toBeGreaterThan(0);
    expect(filesOnDisk()).not.toContain(SECRET);
    expect(sealed.get(p.id)?.env).toEqual({ ANTHROPIC_API_KEY: SECRET });
    expect(sealed.find('work').env).toEqual({ ANTHROPIC_API_KEY: SECRET });
    sealed.update({ id: p.id, env: { ANTHROPIC_API_KEY: `${SECRET}-2` } });
    expect(filesOnDisk()).not.toContain(SECRET);
    expect(sealed.get(p.id)?.env).toEqual({ ANTHROPIC_API_KEY: `${SECRET}-2` });
  });

  it('seals profiles saved in plain text before, and the plain text leaves the files', () => {
    const p = profiles.create(
      ProfileCreateRequest.parse({ provider: 'codex', name: 'old', env: { OPENAI_API_KEY: SECRET } }),
    );
    expect(filesOnDisk()).toContain(SECRET);
    const sealed = new ProfileRepository(db, testBox());
    expect(filesOnDisk()).not.toContain(SECRET);
    expect(sealed.get(p.id)?.env).toEqual({ OPENAI_API_KEY: SECRET });
  });

  it('a keychain that refuses at start leaves old profiles as they were instead of failing the start', () => {
    const p = profiles.create(
      ProfileCreateRequest.parse({ provider: 'codex', name: 'old', env: { OPENAI_API_KEY: SECRET } }),
    );
    const refusing: SecretBox = {
      encrypt: () => {
        throw new Error('keychain locked');
      },
      decrypt: () => {
        throw new Error('keychain locked');
      },
    };
    expect(new ProfileRepository(db, refusing).get(p.id)?.env).toEqual({ OPENAI_API_KEY: SECRET });
  });

  it('a host without the box lists the profile but refuses to launch it, and an update keeps the sealed env', () => {
    const p = new ProfileRepository(db, testBox()).create(
      ProfileCreateRequest.parse({
        provider: 'claude',
        name: 'work',
        model: 'opus',
        env: { ANTHROPIC_API_KEY: SECRET },
      }),
    );
    for (const other of [profiles, new ProfileRepository(db, testBox('another-key'))]) {
      expect(other.list()).toMatchObject([{ id: p.id, name: 'work', env: {} }]);
      expect(() => other.get(p.id)).toThrow(
        expect.objectContaining({ code: 'INVALID_STATE', message: expect.stringMatching(/keychain/) }),
      );
      other.update({ id: p.id, model: 'sonnet' });
    }
    expect(new ProfileRepository(db, testBox()).get(p.id)).toMatchObject({
      model: 'sonnet',
      env: { ANTHROPIC_API_KEY: SECRET },
    });
  });
});
