import '../styles/usage.css';
import { formatCost, formatTokens, tokensIn } from '../../../shared/usage-format.js';
import { useVisibleIds } from '../hooks/use-visible-ids.js';
import { useUsageStore } from '../stores/usage-store.js';

/**
 * The header's sum of tokens and cost over the sessions on screen (the grid's filter applies). Sessions whose
 * model has no price add their tokens, not a made-up cost: the total then says it is a lower bound.
 */
export function UsageTotal() {
  const ids = useVisibleIds();
  const byId = useUsageStore((s) => s.byId);
  let tokens = 0;
  let cost = 0;
  let unpriced = 0;
  let counted = 0;
  for (const id of ids) {
    const usage = byId[id];
    if (!usage) continue;
    counted += 1;
    tokens += tokensIn(usage) + usage.outputTokens;
    if (usage.costUsd === null) unpriced += 1;
    else cost += usage.costUsd;
  }
  if (counted === 0) return null;
  const title =
    `${tokens.toLocaleString()} tokens over ${counted} session${counted === 1 ? '' : 's'} on screen` +
    (unpriced > 0 ? `; ${unpriced} without a price for its model, not in the cost` : '');
  return (
    <span className="usage-total" aria-label="Usage on screen" title={title}>
      {formatTokens(tokens)} tok ·{' '}
      {unpriced === counted ? formatCost(null) : `${unpriced > 0 ? '≥ ' : ''}${formatCost(cost)}`}
    </span>
  );
}
