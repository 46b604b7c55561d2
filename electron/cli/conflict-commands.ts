import path from 'node:path';
import type { ConflictForecast } from '../../shared/conflicts.js';
import { UsageError, type CommandContext } from './commands.js';

// `flotilla conflicts [--repo PATH] [--json]`.

/** This file's lines of `flotilla --help` (two-space indent, like the others). */
export const CONFLICT_HELP = `  conflicts [--repo PATH] live sessions that would conflict with their base or each other, with the files
                          (forecast with git merge-tree; exit 0 either way)`;

/** The flags these commands take (merged into the CLI's parseArgs options). */
export const CONFLICT_OPTIONS = {} as const;

/** One line per conflicting pair: `alpha ↔ beta  2 files: a.ts, b.ts`; the base reads as its branch name. */
export function formatConflicts(forecast: ConflictForecast, names: Map<string, string>): string {
  const name = (id: string) => `${names.get(id) ?? id} (${id.slice(0, 8)})`;
  const lines = forecast.pairs.map((pair) => {
    const other = pair.b === null ? pair.baseBranch : name(pair.b);
    const count = `${pair.files.length} file${pair.files.length === 1 ? '' : 's'}`;
    return `${name(pair.a)} ↔ ${other}\t${count}: ${pair.files.join(', ')}`;
  });
  if (lines.length === 0) lines.push('no conflicts forecast');
  for (const skip of forecast.skipped) lines.push(`not forecast: ${name(skip.id)}: ${skip.reason}`);
  return lines.join('\n');
}

export const conflictCommands: Record<string, (ctx: CommandContext) => Promise<void>> = {
  async conflicts(ctx) {
    const repo = ctx.flags.repo;
    if (repo !== undefined && (typeof repo !== 'string' || !repo.trim())) throw new UsageError('--repo takes a path');
    // The host runs on this machine: a relative --repo is one under the caller's directory.
    const repoPath = typeof repo === 'string' ? path.resolve(repo) : undefined;
    const forecast = await ctx.client.invoke('conflicts.list', repoPath ? { repoPath } : {});
    if (ctx.flags.json) return ctx.out(JSON.stringify(forecast, null, 2));
    const { sessions } = await ctx.client.invoke('session.list', {});
    ctx.out(formatConflicts(forecast, new Map(sessions.map((s) => [s.id, s.name]))));
  },
};
