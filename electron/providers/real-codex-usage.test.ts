import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Session } from '../../shared/session.js';
import type { UsageReport } from '../../shared/usage.js';
import { startCliHost, stopCliHost } from '../test-support/cli-host.js';
import { text } from '../test-support/model-server/model-server.js';
import { codexCli, useRealCodex } from '../test-support/real-codex.js';
import { waitFor } from '../test-support/wait-for.js';

/**
 * The real Codex against the scripted model: the usage Codex writes in its rollout (token_count running
 * totals) reaches `flotilla show --json` exactly, and a host restart plus `resume` (a new Codex process on
 * the same conversation) adds only the new turn's tokens (Codex 0.171 carries its running total over a resume:
 * 130 -> 230 input here, so no restart from zero is seen). Run alone:
 *   npx vitest run electron/providers/real-codex-usage.test.ts
 */
const c = useRealCodex();

function rolloutTotals(home: string): unknown[] {
  const found: unknown[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.startsWith('rollout-'))
        for (const line of readFileSync(full, 'utf8').split('\n').filter(Boolean)) {
          const e = JSON.parse(line) as { payload?: { type?: string; info?: { total_token_usage?: unknown } } };
          if (e.payload?.type === 'token_count')
            found.push(`${entry.name.slice(-12)} ${JSON.stringify(e.payload.info?.total_token_usage)}`);
        }
    }
  };
  walk(path.join(home, '.codex', 'sessions'));
  return found;
}

async function usageReaches(id: string, inputTokens: number): Promise<Session['usage']> {
  return waitFor(
    async () => {
      const { usage } = await c.show(id);
      return usage && usage.inputTokens >= inputTokens ? usage : undefined;
    },
    { timeoutMs: 20_000, intervalMs: 250, what: `usage of ${id} to reach ${inputTokens} input tokens` },
  ).catch((error: Error) => {
    throw new Error(`${error.message}; rollout totals: ${rolloutTotals(c.home).join('; ')}`);
  });
}

describe.skipIf(!codexCli.bin)('real Codex usage', () => {
  it(
    'show --json carries the rollout token counts; resume after a host restart adds only the new turn',
    { timeout: 240_000 },
    async () => {
      await c.start([
        { when: 'count my tokens', reply: { kind: 'text', text: 'Counted them.', usage: { cacheReadTokens: 30 } } },
        { when: 'and once more', reply: text('Once more.') },
      ]);
      const { id } = await c.newSession('count my tokens');
      await c.passFolderTrust(id);
      await c.screenShows(id, /Counted them\./);
      await c.flotilla('wait', id, '--status', 'idle', '--timeout', '60');
      // One turn: 100 fresh input tokens, 30 cached, ceil(13 / 4) = 4 out; gpt-5-codex has a default price.
      const first = { inputTokens: 100, outputTokens: 4, cacheReadTokens: 30, cacheWriteTokens: 0 };
      expect(await usageReaches(id, 100)).toMatchObject(first);
      // Codex's side request ("Generate a concise, single-line task title", no tools) is not in its totals.
      const requests = c.server.modelRequests();
      expect(requests.filter((r) => r.toolsOffered)).toHaveLength(1);
      expect((await c.show(id)).usage?.costUsd).toBeCloseTo((100 * 1.25 + 4 * 10 + 30 * 0.125) / 1e6, 12);

      await stopCliHost(c.host);
      c.host = await startCliHost(c.env());
      expect((await c.show(id)).usage).toMatchObject(first);
      await c.flotilla('resume', id);
      await c.screenShows(id, /count my tokens/);
      await c.flotilla('wait', id, '--status', 'idle', '--timeout', '60');
      await c.flotilla('send', id, 'and once more', '--raw');
      await c.screenShows(id, /Once more\./);
      const both = { inputTokens: 200, outputTokens: 4 + 3, cacheReadTokens: 30, cacheWriteTokens: 0 };
      expect(await usageReaches(id, 200)).toMatchObject(both);
      const report = JSON.parse(await c.flotilla('usage', '--json', '--by', 'model')) as UsageReport;
      expect(report.rows).toEqual([expect.objectContaining({ key: 'gpt-5-codex', ...both })]);
      await c.flotilla('kill', id);
    },
  );
});
