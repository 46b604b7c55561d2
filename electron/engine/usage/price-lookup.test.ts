import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICES } from '../../../shared/default-prices.js';
import { PriceTable } from '../../../shared/usage.js';
import { costOf, priceFor } from './price-lookup.js';

const tokens = { inputTokens: 1_000_000, outputTokens: 100_000, cacheReadTokens: 2_000_000, cacheWriteTokens: 400_000 };

describe('prices', () => {
  it('finds a model by its id or a dated snapshot of it, never a neighbour', () => {
    expect(priceFor('claude-opus-4-8', DEFAULT_PRICES)?.model).toBe('claude-opus-4-8');
    expect(priceFor('claude-sonnet-4-5-20250929', DEFAULT_PRICES)?.model).toBe('claude-sonnet-4-5');
    expect(priceFor('claude-opus-4-20250514', DEFAULT_PRICES)?.input).toBe(15);
    expect(priceFor('gpt-5-2025-08-07', DEFAULT_PRICES)?.model).toBe('gpt-5');
    // An unlisted model is unknown, not priced as the nearest name.
    expect(priceFor('claude-opus-4-9', DEFAULT_PRICES)).toBeNull();
    expect(priceFor('claude-scripted', DEFAULT_PRICES)).toBeNull();
    expect(priceFor('my-*', [{ model: 'my-*', input: 1, output: 1, cacheRead: 0, cacheWrite: 0 }])).not.toBeNull();
    expect(
      priceFor('my-local-model', [{ model: 'my-*', input: 1, output: 1, cacheRead: 0, cacheWrite: 0 }])?.model,
    ).toBe('my-*');
  });

  it('costs tokens at the table price; one unpriced model makes the cost unknown (null)', () => {
    // Opus 4.8: 1M in at $5, 0.1M out at $25, 2M cache read at $0.50, 0.4M cache write at $6.25.
    expect(costOf([{ model: 'claude-opus-4-8', ...tokens }], DEFAULT_PRICES).costUsd).toBeCloseTo(
      5 + 2.5 + 1 + 2.5,
      10,
    );
    const mixed = costOf(
      [
        { model: 'claude-opus-4-8', ...tokens },
        { model: 'mystery-1', ...tokens },
      ],
      DEFAULT_PRICES,
    );
    expect(mixed.costUsd).toBeNull();
    expect(mixed.unpricedModels).toEqual(['mystery-1']);
    expect(mixed.inputTokens).toBe(2_000_000);
  });

  it('a price table is validated: non-negative, bounded numbers and a model id', () => {
    expect(PriceTable.safeParse(DEFAULT_PRICES).success).toBe(true);
    const bad = (entry: object) =>
      PriceTable.safeParse([{ model: 'm', input: 1, output: 1, cacheRead: 0, cacheWrite: 0, ...entry }]).success;
    expect(bad({ input: -1 })).toBe(false);
    expect(bad({ output: 1e9 })).toBe(false);
    expect(bad({ model: '' })).toBe(false);
    expect(bad({ model: 'a b' })).toBe(false);
    expect(bad({ cacheRead: Number.NaN })).toBe(false);
  });
});
