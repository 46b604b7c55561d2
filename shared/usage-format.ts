import type { SessionUsage } from './usage.js';

/** Tokens as people read them: 950, 12.3k, 4.1M. */
export function formatTokens(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${trimmed(n / 1000)}k`;
  return `${trimmed(n / 1_000_000)}M`;
}

function trimmed(value: number): string {
  return value >= 100 ? String(Math.round(value)) : value.toFixed(1).replace(/\.0$/, '');
}

/** A cost in USD: "$0.42", "<$0.01" for a few tokens, "—" when a model had no price. */
export function formatCost(usd: number | null): string {
  if (usd === null) return '—';
  if (usd > 0 && usd < 0.01) return '<$0.01';
  return `$${usd.toFixed(2)}`;
}

/** Tokens into the model (fresh, cache read and cache write) and out of it. */
export function tokensIn(usage: Pick<SessionUsage, 'inputTokens' | 'cacheReadTokens' | 'cacheWriteTokens'>): number {
  return usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
}

/** One line: "12.3k in (10k cached) · 1.2k out · $0.42". */
export function usageSummary(usage: SessionUsage): string {
  const cached = usage.cacheReadTokens + usage.cacheWriteTokens;
  const cache =
    cached > 0
      ? ` (${formatTokens(usage.cacheReadTokens)} cache read, ${formatTokens(usage.cacheWriteTokens)} written)`
      : '';
  return `${formatTokens(tokensIn(usage))} in${cache} · ${formatTokens(usage.outputTokens)} out · ${formatCost(usage.costUsd)}`;
}
