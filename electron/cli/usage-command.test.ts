import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Session } from '../../shared/session.js';
import type { UsageReport } from '../../shared/usage.js';
import { readHostFile } from '../host/host-file.js';
import { useCliHost } from '../test-support/cli-fixture.js';
import { flotillaOk, runFlotilla } from '../test-support/cli-host.js';
import { connectTestClient } from '../test-support/test-host.js';
import { waitFor } from '../test-support/wait-for.js';

// `flotilla usage` and the usage in `flotilla show` through the real CLI (dist/) and a real host. The demo
// agent writes its transcript in Claude Code's form; the test adds a reply's usage record to it as Claude
// Code writes one (two entries, one message id), which the host's transcript tailer reads.

const cli = useCliHost();
const ok = (...args: string[]): Promise<string> => flotillaOk(args, cli.env());

async function idleSession(prompt: string): Promise<Session> {
  const [session] = JSON.parse(await ok('new', '--repo', cli.temp.repo, '--prompt', prompt, '--json')) as Session[];
  cli.seen.add(session!.id);
  await ok('wait', session!.id, '--status', 'waiting', '--timeout', '15');
  await ok('approve', session!.id);
  await ok('wait', session!.id, '--status', 'idle', '--timeout', '15');
  return session!;
}

function addReply(session: Session, id: string, usage: Record<string, number>): void {
  const file = path.join(cli.temp.dataDir, 'sessions', session.id, `demo-events-${session.conversationId}.jsonl`);
  for (const block of ['text', 'tool_use']) {
    const entry = {
      type: 'assistant',
      timestamp: '2026-12-07T12:00:00.000Z',
      message: { id, model: 'demo-model', usage, content: [{ type: block }] },
    };
    appendFileSync(file, `${JSON.stringify(entry)}\n`);
  }
}

async function shownUsage(id: string, outputTokens: number): Promise<Session['usage']> {
  return waitFor(
    async () => {
      const shown = JSON.parse(await ok('show', id, '--json')) as Session;
      return shown.usage && shown.usage.outputTokens >= outputTokens ? shown.usage : undefined;
    },
    { timeoutMs: 15_000, intervalMs: 200, what: `usage of ${id}` },
  );
}

describe('flotilla usage', () => {
  it(
    'show --json and usage --json carry the transcript counts; cost follows the price table',
    { timeout: 90_000 },
    async () => {
      const a = await idleSession('first');
      const b = await idleSession('second');
      addReply(a, 'msg_1', {
        input_tokens: 1000,
        output_tokens: 200,
        cache_read_input_tokens: 5000,
        cache_creation_input_tokens: 300,
      });
      addReply(a, 'msg_2', { input_tokens: 10, output_tokens: 20 });
      addReply(b, 'msg_3', { input_tokens: 7, output_tokens: 3 });

      const usageA = await shownUsage(a.id, 220);
      // No price for demo-model: tokens, and no made-up cost.
      expect(usageA).toEqual({
        inputTokens: 1010,
        outputTokens: 220,
        cacheReadTokens: 5000,
        cacheWriteTokens: 300,
        costUsd: null,
      });
      await shownUsage(b.id, 3);
      expect(await ok('show', a.id)).toContain('usage:     6.3k in (5k cache read, 300 written) · 220 out · —');

      const info = await readHostFile(cli.temp.dataDir);
      const { client, socket } = await connectTestClient({ port: info!.port, token: info!.token });
      try {
        await client.invoke('settings.set', {
          prices: [{ model: 'demo-model', input: 2, output: 10, cacheRead: 0.5, cacheWrite: 4 }],
        });
      } finally {
        socket.close();
      }
      const bySession = JSON.parse(await ok('usage', '--json')) as UsageReport;
      const costA = (1010 * 2 + 220 * 10 + 5000 * 0.5 + 300 * 4) / 1e6;
      expect(bySession.rows.map((r) => [r.key, r.inputTokens, r.outputTokens])).toEqual([
        [a.id, 1010, 220],
        [b.id, 7, 3],
      ]);
      expect(bySession.rows[0]!.costUsd).toBeCloseTo(costA, 12);
      expect(bySession.total).toMatchObject({ inputTokens: 1017, outputTokens: 223, sessions: 2, unpricedModels: [] });
      const byDay = JSON.parse(await ok('usage', '--json', '--by', 'day')) as UsageReport;
      expect(byDay.rows.map((r) => [r.key, r.sessions])).toEqual([['2026-12-07', 2]]);
      const byRepo = JSON.parse(await ok('usage', '--json', '--by', 'repo', a.id)) as UsageReport;
      expect(byRepo.rows).toEqual([expect.objectContaining({ key: cli.temp.repo, sessions: 1, inputTokens: 1010 })]);

      const table = await ok('usage', '--by', 'agent');
      expect(table.split('\n')[0]).toMatch(/^AGENT\s+SESSIONS\s+IN\s+OUT\s+CACHE READ\s+CACHE WRITE\s+COST$/);
      expect(table).toMatch(/demo\s+2\s+1k\s+223\s+5k\s+300\s+<\$0\.01/);
      const bad = await runFlotilla(['usage', '--by', 'week'], cli.env());
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--by must be one of session, repo, agent, day, model');
      await ok('kill', a.id, b.id);
    },
  );
});
