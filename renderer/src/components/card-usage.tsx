import '../styles/usage.css';
import { formatCost, formatTokens, tokensIn } from '../../../shared/usage-format.js';
import { useUsageStore } from '../stores/usage-store.js';

/** A card's tokens and cost, small: "14k · $0.21"; the breakdown in its tooltip. Nothing before any usage. */
export function CardUsage({ id }: { id: string }) {
  const usage = useUsageStore((s) => s.byId[id]);
  if (!usage) return null;
  const input = tokensIn(usage);
  const title =
    `${input.toLocaleString()} tokens in (${usage.cacheReadTokens.toLocaleString()} cache read, ` +
    `${usage.cacheWriteTokens.toLocaleString()} cache write), ${usage.outputTokens.toLocaleString()} out` +
    (usage.costUsd === null ? ' · no price for its model (Settings → Prices)' : ` · ${formatCost(usage.costUsd)}`);
  return (
    <span className="card-usage" aria-label="Usage" title={title}>
      {formatTokens(input + usage.outputTokens)} tok · {formatCost(usage.costUsd)}
    </span>
  );
}
