import type { PriceTable } from './usage.js';

/**
 * Default prices, USD per million tokens, editable in Settings. Sources: Anthropic's pricing page
 * (platform.claude.com/docs/en/about-claude/pricing) and OpenAI's model pages (developers.openai.com), as
 * stored copies read on 2026-12-07; cache write is the 5-minute rate (the 1-hour one is 2x input). OpenAI
 * bills no cache write. Haiku 5.5 is its up-to-100K-token-prompt rate. A model not listed has no cost.
 */
export const DEFAULT_PRICES: PriceTable = [
  { model: 'claude-fable-5-1', input: 10, output: 50, cacheRead: 0.25, cacheWrite: 12.5 },
  { model: 'claude-opus-5-5', input: 4, output: 20, cacheRead: 0.2, cacheWrite: 5 },
  { model: 'claude-opus-5', input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 },
  { model: 'claude-opus-4-8', input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 },
  { model: 'claude-opus-4-7', input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 },
  { model: 'claude-opus-4-6', input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 },
  { model: 'claude-opus-4-5', input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 },
  { model: 'claude-opus-4-1', input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75 },
  { model: 'claude-opus-4', input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75 },
  { model: 'claude-sonnet-5-5', input: 2, output: 10, cacheRead: 0.1, cacheWrite: 2.5 },
  { model: 'claude-sonnet-5', input: 2, output: 10, cacheRead: 0.2, cacheWrite: 2.5 },
  { model: 'claude-sonnet-4-6', input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
  { model: 'claude-sonnet-4-5', input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
  { model: 'claude-sonnet-4', input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
  { model: 'claude-haiku-5-5', input: 0.1, output: 0.5, cacheRead: 0.01, cacheWrite: 0.125 },
  { model: 'claude-haiku-4-5', input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25 },
  { model: 'claude-3-5-haiku', input: 0.8, output: 4, cacheRead: 0.08, cacheWrite: 1 },
  { model: 'gpt-5.1-codex-mini', input: 0.25, output: 2, cacheRead: 0.025, cacheWrite: 0 },
  { model: 'gpt-5.1-codex', input: 1.25, output: 10, cacheRead: 0.125, cacheWrite: 0 },
  { model: 'gpt-5.1', input: 1.25, output: 10, cacheRead: 0.125, cacheWrite: 0 },
  { model: 'gpt-5-codex', input: 1.25, output: 10, cacheRead: 0.125, cacheWrite: 0 },
  { model: 'gpt-5', input: 1.25, output: 10, cacheRead: 0.125, cacheWrite: 0 },
  { model: 'gpt-5-mini', input: 0.25, output: 2, cacheRead: 0.025, cacheWrite: 0 },
  { model: 'gpt-5-nano', input: 0.05, output: 0.4, cacheRead: 0.005, cacheWrite: 0 },
];
