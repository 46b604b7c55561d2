import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../package-root.js';
import { applyMigrations, loadMigrations } from './migrate.js';

export function migrationsDir(): string {
  return path.join(packageRoot(), 'migrations');
}

/** Opens (creating if needed) the Flotilla database: WAL, foreign keys, busy timeout, migrated. */
export async function openDatabase(file: string, dir = migrationsDir()): Promise<Database.Database> {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    applyMigrations(db, await loadMigrations(dir));
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
