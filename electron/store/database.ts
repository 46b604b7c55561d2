import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { chmod, open } from 'node:fs/promises';
import path from 'node:path';
import { secureDataDir } from '../data-dir.js';
import { packageRoot } from '../package-root.js';
import { applyMigrations, loadMigrations } from './migrate.js';

/** Under Electron, the better-sqlite3 build made for Electron's ABI (scripts/rebuild-native-for-electron.js). */
export function electronBinding(): Database.Options {
  if (!process.versions.electron) return {};
  const binding = path.join(packageRoot(), 'native', 'electron', 'better_sqlite3.node');
  return existsSync(binding) ? { nativeBinding: binding } : {};
}

export function migrationsDir(): string {
  return path.join(packageRoot(), 'migrations');
}

/**
 * A file only its owner may read, created so (not 0644 by the umask, then narrowed), or narrowed if it
 * already exists wider. SQLite gives the -wal and -shm files the database file's mode.
 */
export async function makePrivateFile(file: string): Promise<void> {
  await (await open(file, 'a', 0o600)).close();
  await chmod(file, 0o600);
}

async function narrowIfPresent(file: string): Promise<void> {
  await chmod(file, 0o600).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

/**
 * Opens (creating if needed) the Flotilla database: WAL, foreign keys, busy timeout, migrated. Its
 * folder (the data directory) is made 0700 and the database files 0600.
 */
export async function openDatabase(file: string, dir = migrationsDir()): Promise<Database.Database> {
  await secureDataDir(path.dirname(file));
  await makePrivateFile(file);
  for (const suffix of ['-wal', '-shm', '-journal']) await narrowIfPresent(`${file}${suffix}`);
  const db = new Database(file, electronBinding());
  try {
    // Deleted or overwritten rows (an old API key) are zeroed, not left readable in free pages.
    db.pragma('secure_delete = ON');
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
