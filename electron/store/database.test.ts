import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';

let root: string;

const modeOf = (file: string) => statSync(file).mode & 0o777;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'flotilla-db-modes-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('openDatabase file modes', () => {
  it('makes an existing 0755 data directory 0700 and creates the database, -wal and -shm 0600', async () => {
    const dataDir = path.join(root, 'data');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    const file = path.join(dataDir, 'flotilla.db');
    const db = await openDatabase(file);
    try {
      db.prepare("INSERT INTO settings (key, value) VALUES ('probe', '1')").run();
      expect(modeOf(dataDir)).toBe(0o700);
      for (const name of ['flotilla.db', 'flotilla.db-wal', 'flotilla.db-shm']) {
        expect([name, modeOf(path.join(dataDir, name))]).toEqual([name, 0o600]);
      }
    } finally {
      db.close();
    }
  });

  it('narrows database files an older version left 0644', async () => {
    const dataDir = path.join(root, 'data');
    const file = path.join(dataDir, 'flotilla.db');
    (await openDatabase(file)).close();
    chmodSync(dataDir, 0o755);
    chmodSync(file, 0o644);
    writeFileSync(`${file}-wal`, '', { mode: 0o644 });
    chmodSync(`${file}-wal`, 0o644);
    const db = await openDatabase(file);
    db.close();
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(file)).toBe(0o600);
  });
});
