import path from 'node:path';
import type { PriceTable, UsageGrouping, UsageReport, UsageRow } from '../../../shared/usage.js';
import type { UsageTotals } from '../../store/usage-repository.js';
import { costOf } from './price-lookup.js';

/** What a report needs to know of a session to group and label its usage. */
export interface SessionFacts {
  name: string;
  repoPath: string;
  provider: string;
}

function groupOf(by: UsageGrouping, t: UsageTotals, facts: SessionFacts | undefined): { key: string; label: string } {
  switch (by) {
    case 'session':
      return { key: t.sessionId, label: facts?.name ?? t.sessionId };
    case 'repo':
      return facts ? { key: facts.repoPath, label: path.basename(facts.repoPath) } : { key: '', label: '(removed)' };
    case 'agent':
      return { key: facts?.provider ?? '', label: facts?.provider ?? '(removed)' };
    case 'day':
      return { key: t.day, label: t.day };
    case 'model':
      return { key: t.model ?? '', label: t.model ?? 'unknown model' };
  }
}

function row(key: string, label: string, parts: UsageTotals[], prices: PriceTable): UsageRow {
  const cost = costOf(parts, prices);
  return { key, label, sessions: new Set(parts.map((p) => p.sessionId)).size, ...cost };
}

/**
 * Usage grouped by session, repo, agent, day or model, each group's cost from the price table (null when a
 * model in it has no price), biggest spenders first (days in date order), and the total.
 */
export function buildReport(
  totals: readonly UsageTotals[],
  sessions: ReadonlyMap<string, SessionFacts>,
  by: UsageGrouping,
  prices: PriceTable,
): UsageReport {
  const groups = new Map<string, { label: string; parts: UsageTotals[] }>();
  for (const t of totals) {
    const { key, label } = groupOf(by, t, sessions.get(t.sessionId));
    const group = groups.get(key) ?? { label, parts: [] };
    group.parts.push(t);
    groups.set(key, group);
  }
  const rows = [...groups].map(([key, g]) => row(key, g.label, g.parts, prices));
  const spent = (r: UsageRow) => r.inputTokens + r.outputTokens + r.cacheReadTokens + r.cacheWriteTokens;
  rows.sort(
    by === 'day'
      ? (a, b) => a.key.localeCompare(b.key)
      : (a, b) => (b.costUsd ?? 0) - (a.costUsd ?? 0) || spent(b) - spent(a),
  );
  return { by, rows, total: row('total', 'total', [...totals], prices) };
}
