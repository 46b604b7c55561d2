import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Session } from '../../shared/session.js';
import type { UsageReport } from '../../shared/usage.js';
import { text } from '../test-support/model-server/model-server.js';
import { claudeCli, reportSkippedClaude, useRealClaude } from '../test-support/real-claude.js';

/**
 * The real Claude Code against the scripted model: after one prompt with a tool call, `flotilla show --json`
 * carries the token counts the scripted model gave (its usage is fixed: see model-server/script.ts).
 * FLOTILLA_RECORD_TRANSCRIPTS=1 copies the transcript to engine/usage/fixtures/ for the parser tests.
 */
const c = useRealClaude();
const FIXTURES = fileURLToPath(new URL('../engine/usage/fixtures/', import.meta.url));

function transcriptOf(home: string, conversationId: string): string {
  const projects = path.join(home, '.claude', 'projects');
  for (const dir of readdirSync(projects)) {
    if (readdirSync(path.join(projects, dir)).includes(`${conversationId}.jsonl`)) {
      return path.join(projects, dir, `${conversationId}.jsonl`);
    }
  }
  throw new Error(`no transcript for ${conversationId} under ${projects}`);
}

/** The session's usage once its output tokens reach `output` (the transcript is tailed: give it a moment). */
async function usageReaches(id: string, output: number): Promise<Session['usage']> {
  let shown = await c.show(id);
  for (let i = 0; i < 50 && (shown.usage?.outputTokens ?? 0) < output; i++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    shown = await c.show(id);
  }
  return shown.usage;
}

describe.skipIf(!claudeCli.bin)('real Claude Code usage', () => {
  it(
    'show --json carries the scripted model token counts after a prompt with a Write',
    { timeout: 240_000 },
    async () => {
      const prompt = 'create usage.txt';
      const session = await c.start(prompt, (worktree) => [
        {
          when: prompt,
          reply: {
            kind: 'tool',
            name: 'Write',
            input: { file_path: path.join(worktree, 'usage.txt'), content: 'counted\n' },
            text: 'Writing it.',
            usage: { cacheReadTokens: 40, cacheWriteTokens: 7 },
          },
          times: 1,
        },
        { when: (r) => r.toolResults.some((t) => !t.isError), reply: text('Done with usage.txt.') },
      ]);
      await c.waitStatus(session.id, 'waiting');
      await c.flotilla('approve', session.id);
      await c.screenShows(session.id, /Done with usage\.txt\./);
      await c.waitStatus(session.id, 'idle');
      const transcript = transcriptOf(c.home, session.conversationId!);
      if (process.env.FLOTILLA_RECORD_TRANSCRIPTS === '1')
        // The temp paths differ per run: a fixed one keeps the fixture stable.
        writeFileSync(
          path.join(FIXTURES, 'claude-write.jsonl'),
          readFileSync(transcript, 'utf8').replace(
            /(\/|-)tmp(\/|-)flotilla-test-[A-Za-z0-9]+/g,
            '$1tmp$2flotilla-test',
          ),
        );

      // The requests the CLI made with tools: the prompt (tool call) and the tool result (closing text).
      const all = c.model.modelRequests();
      console.log(`model requests: ${all.map((r) => `${r.seq} tools=${r.toolsOffered} model=${r.model}`).join('; ')}`);
      const turns = all.filter((r) => r.toolsOffered);
      expect(turns).toHaveLength(2);
      const writeOut = Math.ceil(
        ('Writing it.'.length +
          JSON.stringify({ file_path: path.join(session.worktreePath, 'usage.txt'), content: 'counted\n' }).length) /
          4,
      );
      const doneOut = Math.ceil('Done with usage.txt.'.length / 4);
      const expected = { inputTokens: 200, outputTokens: writeOut + doneOut, cacheReadTokens: 40, cacheWriteTokens: 7 };
      // claude-opus-4-8 at the default prices: $5 in, $25 out, $0.50 cache read, $6.25 cache write per million.
      const cost = (t: typeof expected) =>
        (t.inputTokens * 5 + t.outputTokens * 25 + t.cacheReadTokens * 0.5 + t.cacheWriteTokens * 6.25) / 1e6;
      const shown = await usageReaches(session.id, expected.outputTokens);
      expect(shown).toMatchObject(expected);
      expect(shown?.costUsd).toBeCloseTo(cost(expected), 12);
      // Claude Code's title request (no tools, 100 in, "Task" out) is not in its transcript: not counted.
      expect(all.filter((r) => !r.toolsOffered)).toHaveLength(1);
      const report = JSON.parse(await c.flotilla('usage', '--json', '--by', 'agent')) as UsageReport;
      expect(report.rows).toEqual([expect.objectContaining({ key: 'claude', sessions: 1, ...expected })]);

      // Host restart and resume: Claude Code goes on in the same transcript, read again from where it was.
      await c.stopHost();
      await c.startHost();
      expect((await c.show(session.id)).usage).toMatchObject(expected);
      await c.flotilla('resume', session.id);
      c.model.addRules({ when: 'one more', reply: text('More.') });
      await c.screenShows(session.id, /Done with usage\.txt\./);
      await c.waitStatus(session.id, 'idle');
      await c.say(session.id, 'one more');
      await c.screenShows(session.id, /More\./);
      const more = { ...expected, inputTokens: 300, outputTokens: expected.outputTokens + 2 };
      expect(await usageReaches(session.id, more.outputTokens)).toMatchObject(more);
      await c.killAndCheck(session.id);
    },
  );
});

reportSkippedClaude();
