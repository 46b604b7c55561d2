import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../store/database.js';
import { PortRepository } from '../../store/port-repository.js';
import { PortBlocks } from './port-blocks.js';

// Choosing a block: free on every address a dev server may use, and never another session's.

let dir: string;
let db: Database.Database;
const servers: Server[] = [];

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'flotilla-ports-'));
  db = await openDatabase(path.join(dir, 'flotilla.db'));
  db.prepare(`INSERT INTO repos (path, name, last_used_at) VALUES ('/r', 'r', 'x')`).run();
  for (const id of ['s1', 's2'])
    db.prepare(
      `INSERT INTO sessions (id, name, provider, prompt, status, repo_path, base_branch, branch, worktree_path,
         created_at, updated_at, last_activity_at) VALUES (?, ?, 'demo', '', 'idle', '/r', 'main', ?, ?, 'x', 'x', 'x')`,
    ).run(id, id, `b-${id}`, `/w/${id}`);
});

afterEach(async () => {
  for (const server of servers.splice(0)) server.close();
  db.close();
  await rm(dir, { recursive: true, force: true });
});

function listen(port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen({ port, host }, () => resolve());
    servers.push(server);
  });
}

/** A port the OS says is free now, as the start of a small test range. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('PortBlocks', () => {
  it('skips a block with a port taken on ::1 or 0.0.0.0, and one another session holds', async () => {
    const first = await freePort();
    const notes: string[] = [];
    const blocks = new PortBlocks({
      repository: new PortRepository(db),
      size: () => 2,
      note: (_id, detail) => notes.push(detail),
      range: { first, last: first + 7 },
    });
    // Blocks: [first, first+1] [first+2, first+3] [first+4, first+5] [first+6, first+7].
    await listen(first + 1, '::1');
    await listen(first + 2, '0.0.0.0');
    const a = await blocks.envFor('s1');
    const b = await blocks.envFor('s2');
    const taken = [a.FLOTILLA_PORT, b.FLOTILLA_PORT].map(Number).sort();
    expect(taken).toEqual([first + 4, first + 6]);
    expect(a).toEqual({ FLOTILLA_PORT: a.FLOTILLA_PORT, FLOTILLA_PORT_1: String(Number(a.FLOTILLA_PORT) + 1) });
    await expect(blocks.envFor('s1')).resolves.toEqual(a);
    expect(notes).toHaveLength(2);
  });
});
