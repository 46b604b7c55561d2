import type Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PRICES } from '../../../shared/default-prices.js';
import type { PriceTable, SessionUsage } from '../../../shared/usage.js';
import { openDatabase } from '../../store/database.js';
import { SessionRepository, type SessionRecord } from '../../store/session-repository.js';
import { UsageRepository } from '../../store/usage-repository.js';
import { UsageTracker } from './usage-tracker.js';

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
const claude = fixture('claude-write.jsonl');
const codex = fixture('codex-exec.jsonl');

let dir: string;
let db: Database.Database;
let prices: PriceTable;
let pushed: { id: string; usage: SessionUsage }[];

function record(id: string, provider: string): SessionRecord {
  const at = '2026-12-07T10:00:00.000Z';
  return {
    id,
    name: `s-${id}`,
    provider,
    prompt: '',
    status: 'idle',
    repoPath: `/repos/${provider}`,
    baseBranch: 'main',
    branch: `b-${id}`,
    worktreePath: `/w/${id}`,
    pid: null,
    pidStartTime: null,
    conversationId: null,
    autoYes: false,
    exitCode: null,
    error: null,
    question: null,
    cols: 80,
    rows: 24,
    createdAt: at,
    updatedAt: at,
    lastActivityAt: at,
    archivedAt: null,
  };
}

async function open(): Promise<UsageTracker> {
  db = await openDatabase(path.join(dir, 'flotilla.db'));
  const sessions = new SessionRepository(db);
  return new UsageTracker({
    repo: new UsageRepository(db),
    prices: () => prices,
    exists: (id) => sessions.get(id) !== undefined,
    facts: () => new Map(sessions.list().map((s) => [s.id, s])),
    emit: (id, usage) => pushed.push({ id, usage }),
    throttleMs: 50,
  });
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'flotilla-usage-'));
  prices = DEFAULT_PRICES;
  pushed = [];
  const tracker = await open();
  const sessions = new SessionRepository(db);
  sessions.insert(record('c1', 'claude'));
  sessions.insert(record('x1', 'codex'));
  tracker.close();
  db.close();
});

afterEach(async () => {
  if (db.open) db.close();
  await rm(dir, { recursive: true, force: true });
});

// The scripted model's replies: Claude 100 in each, 33 + 5 out, 40 cache read and 7 cache write on the first;
// Codex 100 in each, 8 + 5 out, 30 cached on the first.
const CLAUDE = { inputTokens: 200, outputTokens: 38, cacheReadTokens: 40, cacheWriteTokens: 7 };
const CODEX = { inputTokens: 200, outputTokens: 13, cacheReadTokens: 30, cacheWriteTokens: 0 };

describe('UsageTracker on real SQLite', () => {
  it('counts a transcript once however often it is read, also after a restart', async () => {
    let tracker = await open();
    tracker.ingest('c1', 'claude', claude);
    tracker.ingest('c1', 'claude', claude.slice(5)); // a re-read of the tail
    tracker.ingest('x1', 'codex', codex);
    tracker.ingest('x1', 'codex', codex);
    expect(tracker.usage('c1')).toMatchObject(CLAUDE);
    expect(tracker.usage('x1')).toMatchObject(CODEX);
    tracker.close();
    db.close();

    tracker = await open();
    expect(tracker.usage('c1')).toMatchObject(CLAUDE);
    tracker.ingest('c1', 'claude', claude);
    tracker.ingest('x1', 'codex', codex);
    expect(tracker.usage('c1')).toMatchObject(CLAUDE);
    expect(tracker.usage('x1')).toMatchObject(CODEX);
    tracker.close();
  });

  it('a resumed Codex counting from zero again adds its new totals; one reading the rest of the file adds the rest', async () => {
    const tracker = await open();
    const counts = codex.filter((e) => (e.payload as { type?: string }).type === 'token_count');
    const [first, second] = counts;
    tracker.ingest(
      'x1',
      'codex',
      codex.filter((e) => e !== second),
    ); // the first reply only
    expect(tracker.usage('x1')).toMatchObject({ inputTokens: 100, outputTokens: 8, cacheReadTokens: 30 });
    tracker.ingest('x1', 'codex', [second]); // read later: the step from 100/8 to 200/13
    expect(tracker.usage('x1')).toMatchObject(CODEX);
    // The conversation resumed by a new Codex process: its running total starts again, later in time.
    const later = (entry: Record<string, unknown>, minutes: number) => ({
      ...entry,
      timestamp: new Date(Date.parse(String(entry.timestamp)) + minutes * 60_000).toISOString(),
    });
    // The first entry read again (a re-read after a restart), then a third reply of the same process.
    tracker.ingest('x1', 'codex', [first]);
    const third = later(second!, 1) as unknown as { payload: { info: { total_token_usage: Record<string, number> } } };
    third.payload = structuredClone(third.payload);
    const total = third.payload.info.total_token_usage;
    Object.assign(total, { input_tokens: total.input_tokens! + 100, output_tokens: total.output_tokens! + 5 });
    tracker.ingest('x1', 'codex', [third]);
    expect(tracker.usage('x1')).toMatchObject({ inputTokens: 300, outputTokens: 18, cacheReadTokens: 30 });
    tracker.ingest('x1', 'codex', [later(first!, 5)]);
    expect(tracker.usage('x1')).toMatchObject({ inputTokens: 400, outputTokens: 26, cacheReadTokens: 60 });
    tracker.close();
  });

  it('costs follow the price table; an unknown model has no cost; a removed session counts nothing', async () => {
    const tracker = await open();
    tracker.ingest('c1', 'claude', claude);
    // claude-opus-4-8: $5 in, $25 out, $0.50 cache read, $6.25 cache write per million.
    expect(tracker.usage('c1')?.costUsd).toBeCloseTo((200 * 5 + 38 * 25 + 40 * 0.5 + 7 * 6.25) / 1e6, 12);
    prices = [{ model: 'claude-opus-4-8', input: 1000, output: 0, cacheRead: 0, cacheWrite: 0 }];
    expect(tracker.usage('c1')?.costUsd).toBeCloseTo(0.2, 12);
    prices = [];
    expect(tracker.usage('c1')?.costUsd).toBeNull();
    tracker.ingest('gone', 'claude', claude);
    expect(tracker.usage('gone')).toBeUndefined();
    tracker.close();
  });

  it('pushes a session at once, then at most once per interval with the latest totals', async () => {
    const tracker = await open();
    const replies = claude.filter((e) => e.type === 'assistant');
    tracker.ingest('c1', 'claude', replies.slice(0, 1));
    tracker.ingest('c1', 'claude', replies.slice(2, 3));
    expect(pushed).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(pushed).toHaveLength(2);
    expect(pushed[1]!.usage).toMatchObject(CLAUDE);
    tracker.close();
  });

  it('reports by session, repo, agent, day and model', async () => {
    const tracker = await open();
    tracker.ingest('c1', 'claude', claude);
    tracker.ingest('x1', 'codex', codex);
    const byAgent = tracker.report('agent');
    expect(byAgent.rows.map((r) => [r.key, r.inputTokens, r.sessions])).toEqual(
      expect.arrayContaining([
        ['claude', 200, 1],
        ['codex', 200, 1],
      ]),
    );
    expect(byAgent.total).toMatchObject({ inputTokens: 400, outputTokens: 51, cacheReadTokens: 70, sessions: 2 });
    expect(tracker.report('day').rows.map((r) => r.key)).toEqual(['2026-12-07']);
    expect(
      tracker
        .report('model')
        .rows.map((r) => r.key)
        .sort(),
    ).toEqual(['claude-opus-4-8', 'gpt-5-codex']);
    expect(
      tracker
        .report('repo')
        .rows.map((r) => r.label)
        .sort(),
    ).toEqual(['claude', 'codex']);
    expect(tracker.report('session', ['c1']).rows).toEqual([expect.objectContaining({ key: 'c1', label: 's-c1' })]);
    tracker.close();
  });
});
