import { isRecord, timestampOf, tokens, type UsageItem } from './usage-item.js';

/**
 * Usage from Claude Code transcript entries (`projects/<dir>/<id>.jsonl`): each assistant entry carries its
 * reply's `message.id`, `message.model` and `message.usage`. Claude Code writes one entry per content block
 * with the same id and usage; entries of one id fold into one item (the largest of each count, as a streamed
 * reply's counts only grow). Replies with no tokens (Claude Code's own `<synthetic>` notices) are left out.
 * Side requests Claude Code does not write down (the title of the conversation) cannot be seen here.
 */
export function claudeUsageItems(entries: readonly unknown[]): UsageItem[] {
  const byId = new Map<string, UsageItem>();
  for (const entry of entries) {
    if (!isRecord(entry) || entry.type !== 'assistant' || !isRecord(entry.message)) continue;
    const { id, model, usage } = entry.message;
    if (typeof id !== 'string' || !isRecord(usage)) continue;
    const item: UsageItem = {
      kind: 'message',
      key: id,
      model: typeof model === 'string' && model !== '<synthetic>' ? model : null,
      at: timestampOf(entry),
      inputTokens: tokens(usage.input_tokens),
      outputTokens: tokens(usage.output_tokens),
      cacheReadTokens: tokens(usage.cache_read_input_tokens),
      cacheWriteTokens: tokens(usage.cache_creation_input_tokens),
    };
    if (item.inputTokens + item.outputTokens + item.cacheReadTokens + item.cacheWriteTokens === 0) continue;
    const seen = byId.get(id);
    byId.set(id, seen ? largest(seen, item) : item);
  }
  return [...byId.values()];
}

/** Two records of one reply: each count at its largest, the first time and a known model kept. */
export function largest(a: UsageItem, b: UsageItem): UsageItem {
  return {
    ...a,
    model: a.model ?? b.model,
    inputTokens: Math.max(a.inputTokens, b.inputTokens),
    outputTokens: Math.max(a.outputTokens, b.outputTokens),
    cacheReadTokens: Math.max(a.cacheReadTokens, b.cacheReadTokens),
    cacheWriteTokens: Math.max(a.cacheWriteTokens, b.cacheWriteTokens),
  };
}
