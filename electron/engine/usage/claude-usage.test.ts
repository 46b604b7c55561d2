import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { claudeUsageItems } from './claude-usage.js';

/** Recorded from Claude Code 2.1.197 by providers/real-claude-usage.test.ts: Write (33 out, 40 cache read, 7 cache write), then text. */
const entries = readFileSync(new URL('./fixtures/claude-write.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as unknown);

describe('claudeUsageItems', () => {
  it('counts each reply once although Claude Code writes one entry per content block', () => {
    const perEntry = entries.filter((e) => (e as { type?: string }).type === 'assistant');
    expect(perEntry).toHaveLength(3); // the Write reply: text + tool_use entries, same id
    expect(claudeUsageItems(entries)).toEqual([
      expect.objectContaining({
        kind: 'message',
        key: 'msg_scripted_2',
        model: 'claude-opus-4-8',
        inputTokens: 100,
        outputTokens: 33,
        cacheReadTokens: 40,
        cacheWriteTokens: 7,
      }),
      expect.objectContaining({
        kind: 'message',
        key: 'msg_scripted_3',
        model: 'claude-opus-4-8',
        inputTokens: 100,
        outputTokens: 5,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
      }),
    ]);
  });

  it('keeps the largest counts of a reply seen partly, and skips synthetic notices and other entries', () => {
    const reply = (output: number) => ({
      type: 'assistant',
      timestamp: '2026-12-07T10:00:00Z',
      message: { id: 'm1', model: 'claude-sonnet-4-5', usage: { input_tokens: 10, output_tokens: output } },
    });
    const synthetic = {
      type: 'assistant',
      message: { id: 's', model: '<synthetic>', usage: { input_tokens: 0, output_tokens: 0 } },
    };
    const items = claudeUsageItems([reply(3), reply(9), reply(4), synthetic, { type: 'user' }, 'not json', null]);
    expect(items).toEqual([
      expect.objectContaining({ key: 'm1', outputTokens: 9, inputTokens: 10, at: '2026-12-07T10:00:00.000Z' }),
    ]);
  });
});
