import path from 'node:path';
import type { MergedWorktree, RepoDiskTotal, SessionPorts } from '../../shared/worktree-costs.js';
import { UsageError, type CommandContext } from './commands.js';
import { gitCommands } from './git-commands.js';
import { formatBytes } from './git-format.js';

// ports, heavy folders and disk totals per repository.

/** This file's lines of `flotilla --help` (two-space indent, like the others). */
export const WORKTREE_COST_HELP = `  ports ID                the session's own ports (FLOTILLA_PORT, FLOTILLA_PORT_1…) for its dev servers
  du --repo PATH          disk space of each repository's session worktrees (du alone: every repository)
  worktrees --merged [--repo PATH]          sessions whose branch is merged, at rest and clean
  worktrees --remove-merged [--repo PATH] [--yes]   remove their worktrees, branches and records (lists first without --yes)
  repo-settings --repo PATH --heavy node_modules,.venv [--heavy-mode clone|symlink]   folders brought into new worktrees`;

/** The flags these commands take (merged into the CLI's parseArgs options). */
export const WORKTREE_COST_OPTIONS = {
  heavy: { type: 'string' },
  'heavy-mode': { type: 'string' },
  merged: { type: 'boolean' },
  'remove-merged': { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
} as const;

function json(ctx: CommandContext, value: unknown): void {
  ctx.out(JSON.stringify(value, null, 2));
}

/** The host runs on this machine: a relative --repo is one under the caller's directory. */
function repoFlag(ctx: CommandContext): string | undefined {
  const repo = ctx.flags.repo;
  if (repo === undefined) return undefined;
  if (typeof repo !== 'string' || !repo.trim()) throw new UsageError('--repo takes a path');
  return path.resolve(repo);
}

export function formatPorts(ports: SessionPorts): string {
  const last = ports.firstPort + ports.size - 1;
  const lines = [`ports ${ports.firstPort}-${last}`];
  for (const [name, value] of Object.entries(ports.env)) lines.push(`  ${name}=${value}`);
  return lines.join('\n');
}

export function formatTotals(totals: RepoDiskTotal[]): string {
  if (totals.length === 0) return 'no session worktrees';
  return totals
    .map((t) => `${formatBytes(t.bytes)}\t${t.sessions} session${t.sessions === 1 ? '' : 's'}\t${t.repoPath}`)
    .join('\n');
}

export function formatMerged(merged: MergedWorktree[]): string {
  if (merged.length === 0) return 'no merged sessions with a worktree to remove';
  const total = merged.reduce((sum, m) => sum + m.bytes, 0);
  const lines = merged.map(
    (m) => `${m.id.slice(0, 8)}  ${m.name}\t${formatBytes(m.bytes)}\t${m.branch} → ${m.baseBranch}`,
  );
  return [...lines, `${merged.length} worktree${merged.length === 1 ? '' : 's'}, ${formatBytes(total)}`].join('\n');
}

export const worktreeCostCommands: Record<string, (ctx: CommandContext) => Promise<void>> = {
  async ports(ctx) {
    const id = ctx.positionals[0];
    if (!id) throw new UsageError('usage: flotilla ports ID [--json]');
    const ports = await ctx.client.invoke('ports.get', { id });
    if (ctx.flags.json) return json(ctx, ports);
    ctx.out(ports ? formatPorts(ports) : 'no ports (portBlockSize is 0, or the session has not started)');
  },

  /** `du ID` stays the worktree of one session; `du --repo PATH` or `du` alone totals per repository. */
  async du(ctx) {
    if (ctx.positionals.length > 0) return gitCommands.du!(ctx);
    const totals = await ctx.client.invoke('storage.repoTotals', { repoPath: repoFlag(ctx) });
    if (ctx.flags.json) return json(ctx, totals);
    ctx.out(formatTotals(totals));
  },

  async worktrees(ctx) {
    if (!ctx.flags.merged && !ctx.flags['remove-merged']) {
      throw new UsageError('usage: flotilla worktrees --merged | --remove-merged [--repo PATH] [--yes]');
    }
    const merged = await ctx.client.invoke('worktrees.merged', { repoPath: repoFlag(ctx) });
    if (!ctx.flags['remove-merged'] || !ctx.flags.yes || merged.length === 0) {
      if (ctx.flags.json) return json(ctx, merged);
      ctx.out(formatMerged(merged));
      if (ctx.flags['remove-merged'] && merged.length > 0) ctx.out('run again with --yes to remove them');
      return;
    }
    const result = await ctx.client.invoke('worktrees.removeMerged', { ids: merged.map((m) => m.id) });
    if (ctx.flags.json) return json(ctx, result);
    for (const r of result.removed) ctx.out(`removed ${r.name} (${formatBytes(r.bytes)})`);
    for (const s of result.skipped) ctx.out(`kept ${s.id.slice(0, 8)}: ${s.reason}`);
    ctx.out(`freed ${formatBytes(result.freedBytes)}`);
  },
};
