import { isRecord, timestampOf, tokens, type UsageItem } from './usage-item.js';

/** The counter name Codex's running totals are kept under (usage_counters.counter). */
export const CODEX_COUNTER = 'codex';

/**
 * Usage from a Codex rollout (`sessions/YYYY/MM/DD/rollout-*-<id>.jsonl`). Codex 0.171 writes an
 * `event_msg` of type `token_count` after each model reply, whose `info.total_token_usage` is the running
 * total of the process (input_tokens counting cached ones too, cached_input_tokens, cache_write_input_tokens,
 * output_tokens with the reasoning in it). Each becomes a `cumulative` item: the tracker counts the step
 * from the last total it stored. The model comes from the latest `turn_context` entry (`lastModel` carries
 * it across calls: a tail read may start after the turn_context).
 */
export function codexUsageItems(
  entries: readonly unknown[],
  lastModel: string | null = null,
): {
  items: UsageItem[];
  model: string | null;
} {
  let model = lastModel;
  const items: UsageItem[] = [];
  for (const entry of entries) {
    if (!isRecord(entry) || !isRecord(entry.payload)) continue;
    const { payload } = entry;
    if (entry.type === 'turn_context' && typeof payload.model === 'string') model = payload.model;
    if (entry.type !== 'event_msg' || payload.type !== 'token_count' || !isRecord(payload.info)) continue;
    const total = payload.info.total_token_usage;
    if (!isRecord(total)) continue;
    const cached = tokens(total.cached_input_tokens);
    items.push({
      kind: 'cumulative',
      key: CODEX_COUNTER,
      model,
      at: timestampOf(entry),
      inputTokens: Math.max(0, tokens(total.input_tokens) - cached),
      outputTokens: tokens(total.output_tokens),
      cacheReadTokens: cached,
      cacheWriteTokens: tokens(total.cache_write_input_tokens),
    });
  }
  return { items, model };
}
