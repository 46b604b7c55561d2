import path from 'node:path';
import type { FilePatch, SessionDiff } from '../../shared/git.js';
import type { CommandContext } from './commands.js';
import { UsageError } from './commands.js';
import { heavyFoldersFlag } from './heavy-folders-flag.js';
import {
  formatBytes,
  formatDiffStat,
  formatOrphanRemoval,
  formatPatchNote,
  formatWorktreeReport,
} from './git-format.js';

/** Files whose patches are fetched at once when printing a whole diff. */
const PATCH_CONCURRENCY = 4;

function json(ctx: CommandContext, value: unknown): void {
  ctx.out(JSON.stringify(value, null, 2));
}

function requireId(ctx: CommandContext, usage: string): string {
  const id = ctx.positionals[0];
  if (!id) throw new UsageError(`usage: flotilla ${usage}`);
  return id;
}

function message(ctx: CommandContext, usage: string, fallback?: string): string {
  const value = ctx.flags.message;
  if (typeof value === 'string' && value.trim()) return value;
  if (fallback) return fallback;
  throw new UsageError(`usage: flotilla ${usage}`);
}

async function printPatches(ctx: CommandContext, id: string, diff: SessionDiff): Promise<void> {
  const patches: FilePatch[] = new Array<FilePatch>(diff.files.length);
  let next = 0;
  const worker = async () => {
    while (next < diff.files.length) {
      const index = next++;
      patches[index] = await ctx.client.invoke('session.diffFile', { id, path: diff.files[index]!.path });
    }
  };
  await Promise.all(Array.from({ length: PATCH_CONCURRENCY }, worker));
  for (const patch of patches) {
    if (patch.kind === 'text') ctx.out(patch.patch.replace(/\n$/, ''));
    else if (patch.kind !== 'unchanged') ctx.out(formatPatchNote(patch));
  }
  if (diff.truncated) ctx.out(`(the file list stops at ${diff.files.length} of ${diff.changedFiles} files)`);
}

/** Review and merge-back commands: diff, revert, commit, discard, rebase, merge, push, du, orphans, repo-settings. */
export const gitCommands: Record<string, (ctx: CommandContext) => Promise<void>> = {
  async diff(ctx) {
    const id = requireId(ctx, 'diff ID [--stat] [--json] [FILE]');
    const file = ctx.positionals[1];
    if (file) {
      const patch = await ctx.client.invoke('session.diffFile', { id, path: file });
      if (ctx.flags.json) json(ctx, patch);
      else ctx.out(patch.kind === 'text' ? patch.patch.replace(/\n$/, '') : formatPatchNote(patch));
      return;
    }
    const diff = await ctx.client.invoke('session.diff', { id });
    if (ctx.flags.json) json(ctx, diff);
    else if (ctx.flags.stat) ctx.out(formatDiffStat(diff));
    else await printPatches(ctx, id, diff);
  },

  async revert(ctx) {
    const [id, file] = ctx.positionals;
    if (!id || !file) throw new UsageError('usage: flotilla revert ID FILE');
    const diff = await ctx.client.invoke('session.revertFile', { id, path: file });
    ctx.out(`reverted ${file}; ${diff.changedFiles} changed file(s) left`);
  },

  async commit(ctx) {
    const usage = 'commit ID -m MESSAGE [FILE...]';
    const id = requireId(ctx, usage);
    const paths = ctx.positionals.slice(1);
    const result = await ctx.client.invoke('session.commit', {
      id,
      message: message(ctx, usage),
      ...(paths.length > 0 ? { paths } : {}),
    });
    ctx.out(`committed ${result.files} file(s) as ${result.commit.slice(0, 10)}`);
  },

  async discard(ctx) {
    const id = requireId(ctx, 'discard ID [--commits]');
    const diff = await ctx.client.invoke('session.discard', { id, commits: ctx.flags.commits === true });
    ctx.out(
      `discarded; ${diff.changedFiles} changed file(s) left${diff.ahead > 0 ? ` in ${diff.ahead} commit(s)` : ''}`,
    );
  },

  async rebase(ctx) {
    const result = await ctx.client.invoke('session.rebase', { id: requireId(ctx, 'rebase ID') });
    ctx.out(
      result.upToDate
        ? 'already up to date'
        : `rebased onto ${result.onto.slice(0, 10)}; now at ${result.head.slice(0, 10)}`,
    );
  },

  async merge(ctx) {
    const id = requireId(ctx, 'merge ID [-m MESSAGE]');
    const session = await ctx.client.invoke('session.get', { id });
    const fallback = `${session.name}\n\nSquash-merge of ${session.branch} (Flotilla session ${session.id}).`;
    const result = await ctx.client.invoke('session.merge', { id, message: message(ctx, '', fallback) });
    if (ctx.flags.json) return json(ctx, result);
    const checkout = result.updatedCheckout ? `; updated ${result.updatedCheckout}` : '';
    ctx.out(`merged ${session.branch} into ${result.baseBranch} as ${result.commit.slice(0, 10)}${checkout}`);
  },

  async push(ctx) {
    const id = requireId(ctx, 'push ID [--no-pr] [--title T]');
    const result = await ctx.client.invoke('session.push', {
      id,
      pr: ctx.flags['no-pr'] !== true,
      ...(typeof ctx.flags.title === 'string' ? { title: ctx.flags.title } : {}),
    });
    if (ctx.flags.json) return json(ctx, result);
    ctx.out(`pushed ${result.branch} to ${result.remote}${result.prUrl ? `; pull request: ${result.prUrl}` : ''}`);
  },

  async du(ctx) {
    const use = await ctx.client.invoke('session.diskUsage', { id: requireId(ctx, 'du ID') });
    if (ctx.flags.json) json(ctx, use);
    else ctx.out(`${formatBytes(use.bytes)}\t${use.files} files\t${use.worktreePath}`);
  },

  async orphans(ctx) {
    const remove = ctx.flags.remove;
    if (remove !== undefined) {
      if (typeof remove !== 'string' || !remove.trim()) throw new UsageError('usage: flotilla orphans --remove PATH');
      // The host runs on this machine: a relative path means one under the caller's directory.
      const removed = await ctx.client.invoke('worktrees.removeOrphan', { path: path.resolve(remove) });
      if (ctx.flags.json) return json(ctx, removed);
      return ctx.out(formatOrphanRemoval(removed));
    }
    const report = await ctx.client.invoke('worktrees.report', {});
    if (ctx.flags.json) json(ctx, report);
    else ctx.out(formatWorktreeReport(report));
  },

  async 'repo-settings'(ctx) {
    const repoPath = ctx.flags.repo;
    if (typeof repoPath !== 'string') {
      throw new UsageError(
        'usage: flotilla repo-settings --repo PATH [--copy FILE,FILE] [--setup-command CMD] [--heavy DIR,DIR [--heavy-mode clone|symlink]] [--json]',
      );
    }
    const copy = ctx.flags.copy;
    const setup = ctx.flags['setup-command'];
    const changes = {
      ...(typeof copy === 'string'
        ? {
            copyFiles: copy
              .split(',')
              .map((f) => f.trim())
              .filter(Boolean),
          }
        : {}),
      ...(typeof setup === 'string' ? { setupCommand: setup } : {}),
      ...heavyFoldersFlag(ctx),
    };
    const settings =
      Object.keys(changes).length > 0
        ? await ctx.client.invoke('repo.setSettings', { repoPath, ...changes })
        : await ctx.client.invoke('repo.getSettings', { repoPath });
    if (ctx.flags.json) return json(ctx, settings);
    ctx.out(`${settings.repoPath}\n  copy into new worktrees: ${settings.copyFiles.join(', ') || '-'}`);
    ctx.out(`  setup command: ${settings.setupCommand || '-'} (timeout ${settings.setupTimeoutSec}s)`);
    const heavy = settings.heavyFolders.map((f) => `${f.path} (${f.mode})`).join(', ');
    ctx.out(`  heavy folders: ${heavy || '-'}`);
  },
};
