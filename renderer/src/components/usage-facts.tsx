import { formatCost, formatTokens } from '../../../shared/usage-format.js';
import { useUsageStore } from '../stores/usage-store.js';

/** A session's usage in its details: tokens in, cache read / write, out, and cost (— without a price). */
export function UsageFacts({ id }: { id: string }) {
  const usage = useUsageStore((s) => s.byId[id]);
  if (!usage) return null;
  return (
    <>
      <dt>Tokens</dt>
      <dd aria-label="Tokens" title="From the agent's transcript">
        {formatTokens(usage.inputTokens)} in · {formatTokens(usage.cacheReadTokens)} cache read ·{' '}
        {formatTokens(usage.cacheWriteTokens)} cache write · {formatTokens(usage.outputTokens)} out
      </dd>
      <dt>Cost</dt>
      <dd
        aria-label="Cost"
        title={
          usage.costUsd === null ? 'No price for its model: add one in Settings → Prices' : 'At the prices in Settings'
        }
      >
        {formatCost(usage.costUsd)}
      </dd>
    </>
  );
}
