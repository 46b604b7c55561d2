import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentEventRepository } from '../../store/agent-event-repository.js';
import { openDatabase } from '../../store/database.js';
import { transcriptEvents } from '../transcripts/index.js';
import { hookDrafts } from './hook-drafts.js';
import { recordHookFallback } from './hook-fallback.js';

// A PreToolUse hook and the transcript's tool_use block name one call: recorded once, real SQLite.

let dir: string;
let db: Database.Database;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'flotilla-hook-drafts-'));
  db = await openDatabase(path.join(dir, 'flotilla.db'));
  const at = new Date().toISOString();
  db.prepare('INSERT INTO repos (path, name, last_used_at) VALUES (?, ?, ?)').run('/r', 'r', at);
  db.prepare(
    `INSERT INTO sessions (id, name, provider, prompt, status, repo_path, base_branch, branch, worktree_path,
       created_at, updated_at, last_activity_at) VALUES ('s1', 'n', 'claude', 'p', 'running', '/r', 'main', 'b', '/w', ?, ?, ?)`,
  ).run(at, at, at);
});

afterEach(async () => {
  db.close();
  await rm(dir, { recursive: true, force: true });
});

/** The real Claude Code transcript of a prompt, its Write and the reply, as drafts. */
function transcriptDrafts() {
  const lines = readFileSync(new URL('../transcripts/fixtures/claude-write.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as unknown);
  return transcriptEvents('claude')!(lines);
}

const preToolUse = {
  sessionId: 's1',
  providerId: 'claude',
  event: 'PreToolUse' as const,
  receivedAt: Date.parse('2026-12-07T19:30:24.500Z'),
  payload: {
    hook_event_name: 'PreToolUse',
    tool_name: 'Write',
    tool_input: { file_path: '/tmp/flotilla-test/repo/hello.txt', content: 'hi\n' },
    tool_use_id: 'toolu_scripted_1',
  },
};

describe('tool calls from hooks', () => {
  it('PreToolUse is a tool.invoked under the call id; the transcript line of that call adds none', () => {
    const repo = new AgentEventRepository(db);
    const fromHook = repo.record('s1', hookDrafts(preToolUse));
    expect(fromHook).toMatchObject([
      {
        kind: 'tool.invoked',
        source: 'hook',
        tool: 'Write',
        callId: 'toolu_scripted_1',
        path: '/tmp/flotilla-test/repo/hello.txt',
      },
    ]);
    repo.record('s1', transcriptDrafts());
    const all = repo.list('s1');
    expect(all.filter((e) => e.kind === 'tool.invoked')).toEqual(fromHook);
    expect(all.find((e) => e.kind === 'tool.completed')).toMatchObject({ tool: 'Write', outcome: 'ok' });
  });

  it('other hook events, and a PreToolUse without a call id, record nothing', () => {
    expect(hookDrafts({ ...preToolUse, event: 'Stop' })).toEqual([]);
    expect(hookDrafts({ ...preToolUse, payload: { tool_name: 'Write' } })).toEqual([]);
    expect(hookDrafts({ ...preToolUse, payload: null })).toEqual([]);
  });
});

describe('a hook call waits for a lagging transcript', () => {
  const fallback = (repo: AgentEventRepository, flush: () => void) => ({
    flush: async () => flush(),
    has: (id: string, key: string) => repo.has(id, key),
    record: (id: string, drafts: ReturnType<typeof hookDrafts>) => void repo.record(id, drafts),
    stepMs: 10,
    waitMs: 200,
  });

  it('the transcript written on the third read still comes first: the prompt, then the call, from the transcript', async () => {
    const repo = new AgentEventRepository(db);
    let reads = 0;
    const wait = recordHookFallback(
      fallback(repo, () => {
        if (++reads === 3) repo.record('s1', transcriptDrafts());
      }),
      's1',
      hookDrafts(preToolUse),
    );
    await wait.done;
    const all = repo.list('s1');
    expect(all[0]).toMatchObject({ kind: 'message.user', source: 'transcript' });
    expect(all.filter((e) => e.kind === 'tool.invoked')).toMatchObject([{ source: 'transcript' }]);
    expect(reads).toBe(3);
  });

  it('a transcript that never has the call: the hook records it once the wait is over; cancelled, nothing', async () => {
    const repo = new AgentEventRepository(db);
    let reads = 0;
    const started = Date.now();
    await recordHookFallback(fallback(repo, () => void reads++), 's1', hookDrafts(preToolUse)).done;
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(reads).toBeGreaterThan(3);
    expect(repo.list('s1')).toMatchObject([{ kind: 'tool.invoked', source: 'hook', callId: 'toolu_scripted_1' }]);

    const other = { ...preToolUse, payload: { ...preToolUse.payload, tool_use_id: 'toolu_other' } };
    const wait = recordHookFallback(fallback(repo, () => {}), 's1', hookDrafts(other));
    wait.cancel();
    await wait.done;
    expect(repo.list('s1')).toHaveLength(1);
  });
});
