import type Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageMode } from '../../shared/coordination.js';
import { openDatabase } from './database.js';
import { MessageRepository } from './message-repository.js';

let dir: string;
let db: Database.Database;
let repo: MessageRepository;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'flotilla-messages-'));
  db = await openDatabase(path.join(dir, 'flotilla.db'));
  repo = new MessageRepository(db);
});

afterEach(async () => {
  db.close();
  await rm(dir, { recursive: true, force: true });
});

const add = (targetId: string, text: string, mode: MessageMode = 'sequential', senderId: string | null = null) =>
  repo.add({
    targetId,
    targetName: `name-${targetId}`,
    senderId,
    senderName: senderId ?? 'user',
    text,
    mode,
    createdAt: new Date().toISOString(),
  });

describe('MessageRepository', () => {
  it('queues in delivery order: urgent, important, sequential, first come first within a mode', () => {
    add('t', 's1');
    add('t', 'i1', 'important');
    add('t', 's2');
    add('t', 'u1', 'urgent');
    add('t', 'i2', 'important');
    add('other', 'x', 'urgent');
    expect(repo.queue('t').map((m) => m.text)).toEqual(['u1', 'i1', 'i2', 's1', 's2']);
    expect(repo.queuedTargets().sort()).toEqual(['other', 't']);
  });

  it('settles a queued message once; lists what a session sent and received, oldest first', () => {
    const a = add('t', 'to t', 'sequential', 's');
    const b = add('s', 'to s', 'important', 't');
    add('u', 'unrelated');
    const delivered = repo.settle(a.id, 'delivered', null, '2026-12-07T23:00:00.000Z');
    expect(delivered).toMatchObject({ state: 'delivered', settledAt: '2026-12-07T23:00:00.000Z', error: null });
    expect(repo.settle(a.id, 'failed', 'late', '2026-12-07T23:00:01.000Z')).toBeUndefined();
    expect(repo.involving('t').map((m) => [m.text, m.state])).toEqual([
      ['to t', 'delivered'],
      ['to s', 'queued'],
    ]);
    expect(repo.queue('t')).toEqual([]);
    expect(repo.queue('s').map((m) => m.id)).toEqual([b.id]);
  });

  it('keeps watches until deleted, once', () => {
    const w = repo.addWatch({
      targetId: 't',
      targetName: 'w1',
      watcherId: 'p',
      seconds: 60,
      createdAt: '2026-12-07T23:00:00.000Z',
      deadlineAt: '2026-12-07T23:01:00.000Z',
    });
    expect(repo.watches()).toEqual([w]);
    expect(repo.deleteWatch(w.id)).toBe(true);
    expect(repo.deleteWatch(w.id)).toBe(false);
    expect(repo.watches()).toEqual([]);
  });
});
