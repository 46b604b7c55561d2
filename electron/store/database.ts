import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../package-root.js';
import { applyMigrations, loadMigrations } from './migrate.js';

/** Under Electron, the better-sqlite3 build made for Electron's ABI (scripts/rebuild-native-for-electron.js). */
function electronBinding(): Database.Options {
  if (!process.versions.electron) return {};
  const binding = path.join(packageRoot(), 'native', 'electron', 'better_sqlite3.node');
  return existsSync(binding) ? { nativeBinding: binding } : {};
}

export function migrationsDir(): string {
  return path.join(packageRoot(), 'migrations');
}

/** Opens (creating if needed) the Flotilla database: WAL, foreign keys, busy timeout, migrated. */
export async function openDatabase(file: string, dir = migrationsDir()): Promise<Database.Database> {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file, electronBinding());
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
