import { formatCost, formatTokens } from '../../shared/usage-format.js';
import { UsageGrouping, type UsageRow } from '../../shared/usage.js';
import { UsageError, type CommandContext } from './commands.js';
import { formatTable } from './format.js';

export const USAGE_HELP =
  "  usage [--by session|repo|agent|day|model] [ID...]   tokens and cost (from the agents' transcripts)";

function cells(row: UsageRow): string[] {
  return [
    row.label,
    String(row.sessions),
    formatTokens(row.inputTokens),
    formatTokens(row.outputTokens),
    formatTokens(row.cacheReadTokens),
    formatTokens(row.cacheWriteTokens),
    formatCost(row.costUsd),
  ];
}

/** `flotilla usage`: tokens in / out / cache read / cache write and cost, grouped; `--json` gives the report. */
export const usageCommands: Record<string, (ctx: CommandContext) => Promise<void>> = {
  async usage(ctx) {
    const by = UsageGrouping.safeParse(ctx.flags.by ?? 'session');
    if (!by.success) throw new UsageError(`--by must be one of ${UsageGrouping.options.join(', ')}`);
    const ids = ctx.positionals.length > 0 ? { ids: ctx.positionals } : {};
    const report = await ctx.client.invoke('usage.report', { by: by.data, ...ids });
    if (ctx.flags.json) {
      ctx.out(JSON.stringify(report, null, 2));
      return;
    }
    if (report.rows.length === 0) {
      ctx.out('no usage recorded (Flotilla reads it from Claude Code and Codex transcripts)');
      return;
    }
    const header = [by.data.toUpperCase(), 'SESSIONS', 'IN', 'OUT', 'CACHE READ', 'CACHE WRITE', 'COST'];
    ctx.out(formatTable([header, ...report.rows.map(cells), cells(report.total)]));
    const unpriced = report.total.unpricedModels;
    if (unpriced.length > 0) ctx.out(`no price for ${unpriced.join(', ')}: add it in Settings → Prices`);
  },
};
