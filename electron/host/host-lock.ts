import Database from 'better-sqlite3';
import path from 'node:path';
import { electronBinding, makePrivateFile } from '../store/database.js';

export interface HostLock {
  release(): void;
}

export function hostLockPath(dataDir: string): string {
  return path.join(dataDir, 'host.lock');
}

/**
 * One host per data directory, decided by the kernel: an exclusive lock (SQLite's fcntl lock on
 * `host.lock`, held by a write transaction that never ends) for the host's whole life. A host that
 * dies, even by SIGKILL, loses it with its file descriptors, so no stale file can block a start,
 * and two hosts starting at the same instant cannot both get it. Returns undefined when another
 * process holds it.
 */
export async function lockDataDir(dataDir: string): Promise<HostLock | undefined> {
  const file = hostLockPath(dataDir);
  await makePrivateFile(file);
  const db = new Database(file, { ...electronBinding(), timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // Nothing is ever written: no -journal file beside host.lock.
    db.pragma('journal_mode = MEMORY');
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return undefined;
    throw error;
  }
  let held = true;
  return {
    release() {
      if (!held) return;
      held = false;
      db.close();
    },
  };
}
