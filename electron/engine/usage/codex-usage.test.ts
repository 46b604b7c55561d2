import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codexUsageItems } from './codex-usage.js';

/** Recorded from Codex 0.171 `exec` (record-usage-fixtures.test.ts): a command (100 in + 30 cached, 8 out), then text (100 in, 5 out). */
const entries = readFileSync(new URL('./fixtures/codex-exec.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as unknown);

describe('codexUsageItems', () => {
  it('reads the running totals of token_count, cached input moved out of input, the model from turn_context', () => {
    const { items, model } = codexUsageItems(entries);
    expect(model).toBe('gpt-5-codex');
    expect(
      items.map(({ kind, key, model: m, inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens }) => ({
        kind,
        key,
        m,
        inputTokens,
        outputTokens,
        cacheReadTokens,
        cacheWriteTokens,
      })),
    ).toEqual([
      {
        kind: 'cumulative',
        key: 'codex',
        m: 'gpt-5-codex',
        inputTokens: 100,
        outputTokens: 8,
        cacheReadTokens: 30,
        cacheWriteTokens: 0,
      },
      {
        kind: 'cumulative',
        key: 'codex',
        m: 'gpt-5-codex',
        inputTokens: 200,
        outputTokens: 13,
        cacheReadTokens: 30,
        cacheWriteTokens: 0,
      },
    ]);
  });

  it('a tail read starting after the turn_context keeps the model it was given', () => {
    const tokenCounts = entries.filter((e) => (e as { payload?: { type?: string } }).payload?.type === 'token_count');
    expect(codexUsageItems(tokenCounts, 'gpt-5-codex').items.every((i) => i.model === 'gpt-5-codex')).toBe(true);
    expect(codexUsageItems(tokenCounts).items.every((i) => i.model === null)).toBe(true);
  });
});
