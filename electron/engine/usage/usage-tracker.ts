import type { PriceTable, SessionUsage, UsageGrouping, UsageReport } from '../../../shared/usage.js';
import type { UsageRepository, UsageTotals } from '../../store/usage-repository.js';
import { claudeUsageItems } from './claude-usage.js';
import { codexUsageItems } from './codex-usage.js';
import { costOf } from './price-lookup.js';
import { buildReport, type SessionFacts } from './usage-report.js';
import type { UsageItem } from './usage-item.js';

export interface UsageTrackerDeps {
  repo: UsageRepository;
  prices(): PriceTable;
  /** Whether the session is still recorded (usage of a removed one is dropped). */
  exists(id: string): boolean;
  facts(): ReadonlyMap<string, SessionFacts>;
  /** Pushes a session's new usage to clients; called at most once per `throttleMs` per session. */
  emit(id: string, usage: SessionUsage): void;
  throttleMs?: number;
}

/**
 * Turns transcript entries into recorded usage and pushes each session's new totals, throttled. Knows
 * which CLI writes what (Claude Code's per-reply usage, Codex's running totals); the repository makes
 * reading an entry twice harmless.
 */
export class UsageTracker {
  private readonly codexModels = new Map<string, string | null>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly lastEmit = new Map<string, number>();

  constructor(private readonly deps: UsageTrackerDeps) {}

  /** New transcript entries of a session whose agent is `provider` (claude, codex; others carry no usage). */
  ingest(sessionId: string, provider: string, entries: readonly unknown[]): void {
    this.record(sessionId, this.itemsOf(sessionId, provider, entries));
  }

  record(sessionId: string, items: readonly UsageItem[]): void {
    if (items.length === 0 || !this.deps.exists(sessionId)) return;
    if (this.deps.repo.record(sessionId, items)) this.changed(sessionId);
  }

  private itemsOf(sessionId: string, provider: string, entries: readonly unknown[]): UsageItem[] {
    // The demo agent writes its transcript in Claude Code's form.
    if (provider === 'claude' || provider === 'demo') return claudeUsageItems(entries);
    if (provider !== 'codex') return [];
    const known = this.codexModels.has(sessionId)
      ? this.codexModels.get(sessionId)!
      : this.deps.repo.lastModel(sessionId);
    const { items, model } = codexUsageItems(entries, known);
    this.codexModels.set(sessionId, model);
    return items;
  }

  /** A session's usage; undefined when nothing was counted for it. */
  usage(sessionId: string): SessionUsage | undefined {
    return this.summed(this.deps.repo.totals(sessionId)).get(sessionId);
  }

  /** Every session's usage, from one query (for lists). */
  all(): Map<string, SessionUsage> {
    return this.summed(this.deps.repo.totals());
  }

  report(by: UsageGrouping, ids?: readonly string[]): UsageReport {
    const wanted = ids ? new Set(ids) : null;
    const totals = this.deps.repo.totals().filter((t) => !wanted || wanted.has(t.sessionId));
    return buildReport(totals, this.deps.facts(), by, this.deps.prices());
  }

  /** The price table changed: every session's cost is pushed again. */
  repriced(): void {
    for (const [id, usage] of this.all()) this.deps.emit(id, usage);
  }

  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private summed(totals: readonly UsageTotals[]): Map<string, SessionUsage> {
    const bySession = new Map<string, UsageTotals[]>();
    for (const t of totals) bySession.set(t.sessionId, [...(bySession.get(t.sessionId) ?? []), t]);
    const prices = this.deps.prices();
    const result = new Map<string, SessionUsage>();
    for (const [id, parts] of bySession) {
      const { unpricedModels: _unpriced, ...usage } = costOf(parts, prices);
      result.set(id, usage);
    }
    return result;
  }

  /** First change pushed at once, then at most one push per interval, carrying the latest totals. */
  private changed(sessionId: string): void {
    if (this.timers.has(sessionId)) return;
    const interval = this.deps.throttleMs ?? 1000;
    const wait = Math.max(0, (this.lastEmit.get(sessionId) ?? -Infinity) + interval - Date.now());
    const push = () => {
      this.timers.delete(sessionId);
      this.lastEmit.set(sessionId, Date.now());
      const usage = this.usage(sessionId);
      if (usage && this.deps.exists(sessionId)) this.deps.emit(sessionId, usage);
    };
    if (wait === 0) push();
    else this.timers.set(sessionId, setTimeout(push, wait));
  }
}
