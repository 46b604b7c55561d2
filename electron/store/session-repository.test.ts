import type Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';
import { SessionRepository, toSession, type SessionRecord } from './session-repository.js';

let dir: string;
let db: Database.Database;
let repo: SessionRepository;

function record(overrides: Partial<SessionRecord> = {}): SessionRecord {
  const id = overrides.id ?? 'a1b2c3d4';
  return {
    id,
    name: `session ${id}`,
    provider: 'demo',
    prompt: 'add a README',
    status: 'creating',
    repoPath: '/repos/project',
    baseBranch: 'main',
    branch: `flotilla/add-a-readme-${id}`,
    worktreePath: `/worktrees/${id}`,
    pid: null,
    pidStartTime: null,
    conversationId: null,
    autoYes: false,
    exitCode: null,
    error: null,
    question: null,
    cols: 120,
    rows: 32,
    createdAt: '2024-05-01T10:00:00.000Z',
    updatedAt: '2024-05-01T10:00:00.000Z',
    lastActivityAt: '2024-05-01T10:00:00.000Z',
    archivedAt: null,
    ...overrides,
  };
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'flotilla-sessions-'));
  db = await openDatabase(path.join(dir, 'flotilla.db'));
  repo = new SessionRepository(db);
});

afterEach(async () => {
  db.close();
  await rm(dir, { recursive: true, force: true });
});

describe('SessionRepository', () => {
  it('insert then get returns the same record, with a "created" event', () => {
    const session = record({
      autoYes: true,
      conversationId: 'conv-1',
      pid: 4242,
      pidStartTime: 'Mon 10:00',
      cols: 80,
      rows: 24,
    });
    repo.insert(session);

    expect(repo.get(session.id)).toEqual(session);
    expect(repo.events(session.id)).toEqual([
      {
        id: expect.any(Number),
        sessionId: session.id,
        at: session.createdAt,
        kind: 'created',
        fromStatus: null,
        toStatus: 'creating',
        detail: null,
      },
    ]);
  });

  it('stores booleans as 0/1 and registers the repo by its folder name', () => {
    repo.insert(record({ autoYes: true }));
    expect(db.prepare('SELECT auto_yes FROM sessions').get()).toEqual({ auto_yes: 1 });
    expect(db.prepare('SELECT path, name FROM repos').all()).toEqual([{ path: '/repos/project', name: 'project' }]);
  });

  it('get of an unknown id is undefined', () => {
    expect(repo.get('nope')).toBeUndefined();
  });

  it('list returns every session in creation order', () => {
    repo.insert(record({ id: 'cccc', createdAt: '2024-05-01T12:00:00.000Z' }));
    repo.insert(record({ id: 'aaaa', createdAt: '2024-05-01T11:00:00.000Z' }));
    repo.insert(record({ id: 'bbbb', createdAt: '2024-05-01T11:00:00.000Z' }));

    expect(repo.list().map((s) => s.id)).toEqual(['aaaa', 'bbbb', 'cccc']);
  });

  it('two sessions of the same repo share one repos row', () => {
    repo.insert(record({ id: 'one1' }));
    repo.insert(record({ id: 'two2', createdAt: '2024-06-01T00:00:00.000Z' }));
    expect(db.prepare('SELECT path, last_used_at FROM repos').all()).toEqual([
      { path: '/repos/project', last_used_at: '2024-06-01T00:00:00.000Z' },
    ]);
  });

  it('refuses a second session on the same branch of the same repo, writing nothing', () => {
    repo.insert(record({ id: 'one1', branch: 'flotilla/same' }));
    expect(() => repo.insert(record({ id: 'two2', branch: 'flotilla/same' }))).toThrow(/UNIQUE/);
    expect(repo.get('two2')).toBeUndefined();
    expect(repo.events('two2')).toEqual([]);
  });

  it('update writes only the patched fields and appends the event', () => {
    const session = record();
    repo.insert(session);

    repo.update(
      session.id,
      { status: 'running', pid: 1234, updatedAt: '2024-05-01T10:00:01.000Z' },
      {
        at: '2024-05-01T10:00:01.000Z',
        kind: 'status',
        fromStatus: 'creating',
        toStatus: 'running',
        detail: 'spawned',
      },
    );

    expect(repo.get(session.id)).toEqual({
      ...session,
      status: 'running',
      pid: 1234,
      updatedAt: '2024-05-01T10:00:01.000Z',
    });
    const events = repo.events(session.id);
    expect(events.map((e) => [e.kind, e.fromStatus, e.toStatus, e.detail])).toEqual([
      ['created', null, 'creating', null],
      ['status', 'creating', 'running', 'spawned'],
    ]);
    expect(events[1]!.id).toBeGreaterThan(events[0]!.id);
  });

  it('update with an event only, or fields only, does just that', () => {
    const session = record();
    repo.insert(session);

    repo.update(session.id, {}, { at: 't1', kind: 'note', fromStatus: null, toStatus: null, detail: 'hello' });
    expect(repo.get(session.id)).toEqual(session);
    expect(repo.events(session.id)).toHaveLength(2);

    repo.update(session.id, { error: 'boom', exitCode: 3, autoYes: true });
    expect(repo.get(session.id)).toMatchObject({ error: 'boom', exitCode: 3, autoYes: true });
    expect(repo.events(session.id)).toHaveLength(2);
  });

  it('update never changes the id', () => {
    repo.insert(record({ id: 'keep' }));
    repo.update('keep', { id: 'changed', name: 'renamed' });
    expect(repo.get('changed')).toBeUndefined();
    expect(repo.get('keep')?.name).toBe('renamed');
  });

  it('an update whose event fails rolls back the field changes too', () => {
    repo.insert(record({ id: 'atom' }));
    expect(() =>
      repo.update(
        'atom',
        { status: 'running' },
        // at is NOT NULL: the event insert fails after the UPDATE ran inside the same transaction.
        { at: null as unknown as string, kind: 'status', fromStatus: 'creating', toStatus: 'running', detail: null },
      ),
    ).toThrow(/NOT NULL/);
    expect(repo.get('atom')?.status).toBe('creating');
  });

  it('round-trips the pending question as JSON, and clears it with null', () => {
    const question = { text: 'Do you want to create "notes ✓.txt"?', options: ['Yes', 'No, and tell me why'] };
    repo.insert(record({ id: 'q1', question }));
    expect(repo.get('q1')?.question).toEqual(question);

    const next = { text: 'Do you want to run npm test?', options: ['Yes', 'Yes, always', 'No'] };
    repo.update('q1', { status: 'waiting', question: next });
    expect(repo.get('q1')?.question).toEqual(next);
    expect(JSON.parse((db.prepare('SELECT question FROM sessions').get() as { question: string }).question)).toEqual(
      next,
    );

    repo.update('q1', { question: null });
    expect(repo.get('q1')?.question).toBeNull();
    expect(db.prepare('SELECT question FROM sessions').get()).toEqual({ question: null });
  });

  it('keeps which source set the status and since when; rows without them (before migration 008) read without', () => {
    repo.insert(record({ id: 'src1' }));
    expect(repo.get('src1')).not.toHaveProperty('statusSource');
    expect(repo.get('src1')).not.toHaveProperty('statusSince');
    repo.update('src1', { status: 'waiting', statusSource: 'hook', statusSince: '2026-12-07T20:00:00.000Z' });
    expect(repo.get('src1')).toMatchObject({ statusSource: 'hook', statusSince: '2026-12-07T20:00:00.000Z' });
    // A source this version does not know reads as none, not as a broken session.
    db.prepare("UPDATE sessions SET status_source = 'telepathy'").run();
    expect(repo.get('src1')?.statusSource).toBeNull();
  });

  it('a stored question that does not match the schema reads as no question', () => {
    repo.insert(record({ id: 'bad1' }));
    db.prepare('UPDATE sessions SET question = ?').run(JSON.stringify({ text: 'missing options' }));
    expect(repo.get('bad1')?.question).toBeNull();
  });

  it('a stored question that is not JSON reads as no question instead of breaking list()', () => {
    repo.insert(record({ id: 'bad2' }));
    repo.insert(record({ id: 'good', createdAt: '2024-06-01T00:00:00.000Z' }));
    db.prepare("UPDATE sessions SET question = '{truncated' WHERE id = 'bad2'").run();
    expect(repo.get('bad2')?.question).toBeNull();
    expect(repo.list().map((s) => s.id)).toEqual(['bad2', 'good']);
  });

  it('remove deletes the session and cascades to its events, leaving other sessions alone', () => {
    repo.insert(record({ id: 'gone' }));
    repo.insert(record({ id: 'stay' }));
    repo.update(
      'gone',
      { status: 'running' },
      { at: 't', kind: 'status', fromStatus: 'creating', toStatus: 'running', detail: null },
    );

    repo.remove('gone');

    expect(repo.get('gone')).toBeUndefined();
    expect(repo.events('gone')).toEqual([]);
    expect(db.prepare("SELECT COUNT(*) AS n FROM session_events WHERE session_id = 'gone'").get()).toEqual({ n: 0 });
    expect(repo.get('stay')).toBeDefined();
    expect(repo.events('stay')).toHaveLength(1);
  });

  it('toSession drops the engine-only fields', () => {
    const session = record({ pidStartTime: 'x', cols: 90, rows: 30 });
    const view = toSession(session);
    expect(view).not.toHaveProperty('pidStartTime');
    expect(view).not.toHaveProperty('cols');
    expect(view).not.toHaveProperty('rows');
    expect(view).toMatchObject({ id: session.id, name: session.name, question: null });
  });
});
