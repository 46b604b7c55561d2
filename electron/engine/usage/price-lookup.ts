import type { ModelPrice, PriceTable, TokenCounts } from '../../../shared/usage.js';

/** A dated snapshot of a model id: `-20250929` (Anthropic) or `-2025-08-07` (OpenAI). */
const SNAPSHOT = /^-(\d{8}|\d{4}-\d{2}-\d{2})$/;

/**
 * The price of `model`: the entry naming it exactly, else one it is a dated snapshot of, else the longest
 * `prefix*` entry it starts with. None: the model has no price (its cost is unknown, never guessed).
 */
export function priceFor(model: string | null, table: PriceTable): ModelPrice | null {
  if (!model) return null;
  const exact = table.find((p) => p.model === model);
  if (exact) return exact;
  const snapshot = table.find(
    (p) => !p.model.endsWith('*') && model.startsWith(p.model) && SNAPSHOT.test(model.slice(p.model.length)),
  );
  if (snapshot) return snapshot;
  let best: ModelPrice | null = null;
  for (const p of table) {
    if (!p.model.endsWith('*')) continue;
    const prefix = p.model.slice(0, -1);
    if (model.startsWith(prefix) && (!best || prefix.length > best.model.length - 1)) best = p;
  }
  return best;
}

/** USD for these tokens at this price (per million tokens). */
export function costAt(price: ModelPrice, counts: TokenCounts): number {
  return (
    (counts.inputTokens * price.input +
      counts.outputTokens * price.output +
      counts.cacheReadTokens * price.cacheRead +
      counts.cacheWriteTokens * price.cacheWrite) /
    1_000_000
  );
}

export interface PerModel extends TokenCounts {
  model: string | null;
}

/** Tokens summed, and their cost: null as soon as one model that used tokens has no price. */
export function costOf(
  parts: readonly PerModel[],
  table: PriceTable,
): TokenCounts & { costUsd: number | null; unpricedModels: string[] } {
  const sum = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
  let cost = 0;
  const unpriced = new Set<string>();
  for (const part of parts) {
    sum.inputTokens += part.inputTokens;
    sum.outputTokens += part.outputTokens;
    sum.cacheReadTokens += part.cacheReadTokens;
    sum.cacheWriteTokens += part.cacheWriteTokens;
    const price = priceFor(part.model, table);
    if (price) cost += costAt(price, part);
    else unpriced.add(part.model ?? 'unknown model');
  }
  return { ...sum, costUsd: unpriced.size > 0 ? null : cost, unpricedModels: [...unpriced].sort() };
}
