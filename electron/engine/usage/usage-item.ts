import type { TokenCounts } from '../../../shared/usage.js';

export type { UsageItem } from '../../store/usage-repository.js';

export const ZERO: TokenCounts = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-negative whole number of tokens; anything else (absent, corrupt) counts as 0. */
export function tokens(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

export function timestampOf(entry: Record<string, unknown>): string {
  const at = entry.timestamp;
  return typeof at === 'string' && !Number.isNaN(Date.parse(at))
    ? new Date(at).toISOString()
    : new Date().toISOString();
}
