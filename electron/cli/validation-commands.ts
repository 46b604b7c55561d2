import { DEFAULT_VALIDATOR_TIMEOUT_SEC, type ValidationReport } from '../../shared/validation.js';
import type { CommandContext } from './commands.js';
import { UsageError } from './commands.js';
import { CliError } from './connect.js';

// `flotilla validators add|ls|rm`, `flotilla validate ID`.

/** This file's lines of `flotilla --help` (two-space indent, like the others). */
export const VALIDATION_HELP = `  validators add --repo PATH --name NAME [--timeout SEC] -- CMD ARG...
                          a check run in each session's worktree (argv, no shell) when it goes idle with
                          new changes; merges wait for it to pass (default timeout ${DEFAULT_VALIDATOR_TIMEOUT_SEC} s)
  validators ls --repo PATH [--json] | validators rm --repo PATH --name NAME
  validate ID [--wait SEC] run the session's validators now and print each result (exit 1 when one fails)`;

/** The flags these commands take (merged into the CLI's parseArgs options); --repo, --name, --timeout, --json, --wait exist. */
export const VALIDATION_OPTIONS = {} as const;

function repoFlag(ctx: CommandContext, usage: string): string {
  const repo = ctx.flags.repo;
  if (typeof repo !== 'string' || !repo) throw new UsageError(`usage: flotilla ${usage}`);
  return repo;
}

function nameFlag(ctx: CommandContext, usage: string): string {
  const name = ctx.flags.name;
  if (typeof name !== 'string' || !name) throw new UsageError(`usage: flotilla ${usage}`);
  return name;
}

function seconds(ctx: CommandContext, flag: 'timeout' | 'wait'): number | undefined {
  const raw = ctx.flags[flag];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new UsageError(`--${flag} must be a whole number of seconds`);
  return value;
}

const ADD_USAGE = 'validators add --repo PATH --name NAME [--timeout SEC] -- CMD ARG...';

async function add(ctx: CommandContext): Promise<void> {
  const repoPath = repoFlag(ctx, ADD_USAGE);
  const name = nameFlag(ctx, ADD_USAGE);
  // Everything after `--` (and any other word after `add`) is the argv, as given: no shell parses it.
  const argv = ctx.positionals.slice(1);
  if (argv.length === 0) throw new UsageError(`usage: flotilla ${ADD_USAGE}`);
  const timeoutSec = seconds(ctx, 'timeout') ?? DEFAULT_VALIDATOR_TIMEOUT_SEC;
  const { validators } = await ctx.client.invoke('validators.set', { repoPath, name, argv, timeoutSec });
  if (ctx.flags.json) return ctx.out(JSON.stringify(validators, null, 2));
  ctx.out(`validator ${name}: ${argv.join(' ')} (timeout ${timeoutSec} s); ${validators.length} in all`);
}

async function list(ctx: CommandContext): Promise<void> {
  const repoPath = repoFlag(ctx, 'validators ls --repo PATH [--json]');
  const { validators } = await ctx.client.invoke('validators.list', { repoPath });
  if (ctx.flags.json) return ctx.out(JSON.stringify(validators, null, 2));
  if (validators.length === 0) return ctx.out('no validators');
  const width = Math.max(4, ...validators.map((v) => v.name.length));
  ctx.out(`${'NAME'.padEnd(width)}  TIMEOUT  COMMAND`);
  for (const v of validators)
    ctx.out(`${v.name.padEnd(width)}  ${`${v.timeoutSec}s`.padEnd(7)}  ${JSON.stringify(v.argv)}`);
}

async function remove(ctx: CommandContext): Promise<void> {
  const usage = 'validators rm --repo PATH --name NAME';
  const name = nameFlag(ctx, usage);
  const { validators } = await ctx.client.invoke('validators.remove', { repoPath: repoFlag(ctx, usage), name });
  ctx.out(`removed ${name}; ${validators.length} left`);
}

function printReport(ctx: CommandContext, report: ValidationReport): void {
  if (report.status === 'none') return ctx.out('no validators for this repository');
  for (const r of report.results) {
    const took = r.durationMs === null ? '' : ` in ${(r.durationMs / 1000).toFixed(1)} s`;
    const code = r.exitCode === null ? '' : ` (exit ${r.exitCode})`;
    ctx.out(`${r.status.padEnd(9)} ${r.name}${took}${code}`);
    if (r.status === 'failed' && r.outputTail.trim()) ctx.out(r.outputTail.trimEnd().replace(/^/gm, '    '));
  }
}

export const validationCommands: Record<string, (ctx: CommandContext) => Promise<void>> = {
  async validators(ctx) {
    const sub = ctx.positionals[0];
    if (sub === 'add') return add(ctx);
    if (sub === 'ls' || sub === 'list') return list(ctx);
    if (sub === 'rm' || sub === 'remove') return remove(ctx);
    throw new UsageError(`usage: flotilla ${ADD_USAGE}\n       flotilla validators ls|rm --repo PATH ...`);
  },

  async validate(ctx) {
    const id = ctx.positionals[0];
    if (!id) throw new UsageError('usage: flotilla validate ID [--wait SEC]');
    const limit = seconds(ctx, 'wait');
    const running = ctx.client.invoke('validation.run', { id });
    const report = limit
      ? await Promise.race([
          running,
          new Promise<never>((_, reject) =>
            setTimeout(() => reject(new CliError(`validation of ${id} still running after ${limit} s`)), limit * 1000),
          ),
        ])
      : await running;
    if (ctx.flags.json) ctx.out(JSON.stringify(report, null, 2));
    else printReport(ctx, report);
    if (report.status === 'failed' || report.status === 'cancelled') {
      throw new CliError(`validation ${report.status}`);
    }
  },
};
