import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATION_FILE = /^(\d+)_([\w-]+)\.sql$/;

/** Reads `NNN_name.sql` files in version order; refuses gaps and duplicates so a bad checkout fails loudly. */
export async function loadMigrations(dir: string): Promise<Migration[]> {
  const files = await readdir(dir);
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = MIGRATION_FILE.exec(file);
    if (!match) continue;
    migrations.push({ version: Number(match[1]), name: match[2]!, sql: await readFile(path.join(dir, file), 'utf8') });
  }
  migrations.sort((a, b) => a.version - b.version);
  migrations.forEach((m, index) => {
    if (m.version !== index + 1) throw new Error(`migrations: expected version ${index + 1}, found ${m.version} (${m.name})`);
  });
  return migrations;
}

/**
 * Applies every migration newer than the database's user_version, each in its own transaction,
 * so a failing migration leaves the database at the last good version.
 */
export function applyMigrations(db: Database.Database, migrations: Migration[]): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  const newest = migrations.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new Error(`database schema version ${current} is newer than this Flotilla (knows up to ${newest})`);
  }
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
    applied.push(migration.version);
  }
  return applied;
}
