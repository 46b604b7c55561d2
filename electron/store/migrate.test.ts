import Database from 'better-sqlite3';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrationsDir, openDatabase } from './database.js';
import { applyMigrations, loadMigrations } from './migrate.js';

let dir: string;
let latest: number;
const open: Database.Database[] = [];

function track(db: Database.Database): Database.Database {
  open.push(db);
  return db;
}

function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function columns(db: Database.Database, table: string): string[] {
  return (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
}

/** A database at version 1: only 001_init.sql applied, with one session row in it. */
async function databaseAtVersion1(file: string): Promise<void> {
  const [init] = await loadMigrations(migrationsDir());
  const db = new Database(file);
  try {
    applyMigrations(db, [init!]);
    db.prepare("INSERT INTO repos (path, name, last_used_at) VALUES ('/r', 'r', '2024-01-01')").run();
    db.prepare(
      `INSERT INTO sessions (id, name, provider, prompt, status, repo_path, base_branch, branch, worktree_path,
         created_at, updated_at, last_activity_at)
       VALUES ('s1', 'one', 'demo', 'hello', 'idle', '/r', 'main', 'flotilla/one', '/w/one', 't0', 't0', 't0')`,
    ).run();
  } finally {
    db.close();
  }
}

/** A migrations folder holding the real 001 plus the given extra files. */
async function migrationsWith(extra: Record<string, string>): Promise<string> {
  const migrations = path.join(dir, 'migrations');
  await rm(migrations, { recursive: true, force: true });
  await mkdir(migrations);
  await copyFile(path.join(migrationsDir(), '001_init.sql'), path.join(migrations, '001_init.sql'));
  for (const [name, sql] of Object.entries(extra)) await writeFile(path.join(migrations, name), sql);
  return migrations;
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'flotilla-migrate-'));
  latest = (await loadMigrations(migrationsDir())).length;
});

afterEach(async () => {
  for (const db of open.splice(0)) if (db.open) db.close();
  await rm(dir, { recursive: true, force: true });
});

describe('openDatabase', () => {
  it('creates a fresh database at the newest version, in WAL mode with foreign keys on', async () => {
    expect(latest).toBeGreaterThanOrEqual(2);

    const db = track(await openDatabase(path.join(dir, 'nested', 'flotilla.db')));

    expect(userVersion(db)).toBe(latest);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(columns(db, 'sessions')).toContain('question');
  });

  it('enforces foreign keys on the opened connection', async () => {
    const db = track(await openDatabase(path.join(dir, 'flotilla.db')));
    expect(() =>
      db.prepare("INSERT INTO session_events (session_id, at, kind) VALUES ('no-such-session', 't', 'created')").run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('upgrades an older database and keeps its rows', async () => {
    const file = path.join(dir, 'flotilla.db');
    await databaseAtVersion1(file);

    const db = track(await openDatabase(file));

    expect(userVersion(db)).toBe(latest);
    expect(columns(db, 'sessions')).toContain('question');
    const row = db.prepare('SELECT id, name, prompt, question FROM sessions').all();
    expect(row).toEqual([{ id: 's1', name: 'one', prompt: 'hello', question: null }]);
  });

  it('opening an up-to-date database again applies nothing and changes nothing', async () => {
    const file = path.join(dir, 'flotilla.db');
    track(await openDatabase(file)).close();
    const db = track(new Database(file));
    expect(applyMigrations(db, await loadMigrations(migrationsDir()))).toEqual([]);
    expect(userVersion(db)).toBe(latest);
  });

  it('refuses a database newer than this code, and leaves it untouched', async () => {
    const file = path.join(dir, 'flotilla.db');
    track(await openDatabase(file)).close();
    const future = new Database(file);
    future.pragma('user_version = 99');
    future.close();

    await expect(openDatabase(file)).rejects.toThrow(
      `database schema version 99 is newer than this Flotilla (knows up to ${latest})`,
    );

    const after = track(new Database(file));
    expect(userVersion(after)).toBe(99);
  });

  it('stops at the last good version when a migration fails, with nothing half-applied', async () => {
    const file = path.join(dir, 'flotilla.db');
    await databaseAtVersion1(file);
    // The first statement would succeed on its own; the second fails, so the whole migration must roll back.
    const migrations = await migrationsWith({
      '002_broken.sql': 'ALTER TABLE sessions ADD COLUMN half TEXT;\nALTER TABLE no_such_table ADD COLUMN x TEXT;\n',
    });

    await expect(openDatabase(file, migrations)).rejects.toThrow(/no_such_table/);

    const db = track(new Database(file));
    expect(userVersion(db)).toBe(1);
    expect(columns(db, 'sessions')).not.toContain('half');
    expect(db.prepare('SELECT id FROM sessions').all()).toEqual([{ id: 's1' }]);
  });

  it('applies each migration in its own transaction: a failing 003 keeps a good 002', async () => {
    const file = path.join(dir, 'flotilla.db');
    await databaseAtVersion1(file);
    const migrations = await migrationsWith({
      '002_good.sql': 'ALTER TABLE sessions ADD COLUMN good TEXT;',
      '003_broken.sql': 'THIS IS NOT SQL;',
    });

    await expect(openDatabase(file, migrations)).rejects.toThrow();

    const db = track(new Database(file));
    expect(userVersion(db)).toBe(2);
    expect(columns(db, 'sessions')).toContain('good');
  });
});

describe('loadMigrations', () => {
  it('reads the shipped migrations in version order', async () => {
    const migrations = await loadMigrations(migrationsDir());
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(migrations[0]).toMatchObject({ version: 1, name: 'init' });
    expect(migrations[0]!.sql).toMatch(/CREATE TABLE sessions/);
  });

  it('sorts numerically and ignores files that are not migrations', async () => {
    const migrations = await migrationsWith({
      '002_two.sql': 'SELECT 2;',
      '010_ten.sql': 'SELECT 10;',
      ...Object.fromEntries([3, 4, 5, 6, 7, 8, 9].map((n) => [`00${n}_n${n}.sql`, `SELECT ${n};`])),
      'README.md': 'not a migration',
      'notes.sql': 'SELECT 0;',
    });
    const loaded = await loadMigrations(migrations);
    expect(loaded.map((m) => m.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(loaded.at(-1)).toMatchObject({ name: 'ten', sql: 'SELECT 10;' });
  });

  it('refuses a gap in the numbering', async () => {
    const migrations = await migrationsWith({ '003_skips_two.sql': 'SELECT 1;' });
    await expect(loadMigrations(migrations)).rejects.toThrow(/expected version 2, found 3 \(skips_two\)/);
  });

  it('refuses two migrations with the same number', async () => {
    const migrations = await migrationsWith({ '001_again.sql': 'SELECT 1;' });
    await expect(loadMigrations(migrations)).rejects.toThrow(/expected version 2, found 1/);
  });

  it('openDatabase refuses a gap before touching the database', async () => {
    const file = path.join(dir, 'flotilla.db');
    await databaseAtVersion1(file);
    const migrations = await migrationsWith({ '003_skips_two.sql': 'ALTER TABLE sessions ADD COLUMN x TEXT;' });

    await expect(openDatabase(file, migrations)).rejects.toThrow(/expected version 2, found 3/);

    const db = track(new Database(file));
    expect(userVersion(db)).toBe(1);
    expect(columns(db, 'sessions')).not.toContain('x');
  });
});
