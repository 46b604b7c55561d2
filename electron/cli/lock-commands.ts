import path from 'node:path';
import { LockScope, type SessionLock } from '../../shared/coordination.js';
import { UsageError, type CommandContext } from './commands.js';
import { formatTable } from './format.js';
import { me } from './me.js';

// `flotilla lock / unlock / locks`: advisory locks a session holds on its repository or its worktree.

const LOCK_USAGE = 'usage: flotilla lock "REASON" [--scope repo|path] [--wait SECONDS]';

function scopeFlag(ctx: CommandContext): LockScope | undefined {
  const raw = ctx.flags.scope;
  if (raw === undefined) return undefined;
  const scope = LockScope.safeParse(raw);
  if (!scope.success) throw new UsageError('--scope must be repo (the repository) or path (the worktree)');
  return scope.data;
}

function waitFlag(ctx: CommandContext): number {
  const raw = ctx.flags.wait;
  if (raw === undefined) return 0;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > 3600)
    throw new UsageError('--wait must be 0..3600 seconds');
  return seconds;
}

const clock = (iso: string) => new Date(iso).toTimeString().slice(0, 5);

function describe(lock: SessionLock): string {
  const what = lock.scope === 'repo' ? 'repository' : 'worktree';
  return `${lock.sessionName} (${lock.sessionId.slice(0, 8)}) holds the ${what} ${lock.key} since ${clock(lock.acquiredAt)}: ${lock.reason}`;
}

export function formatLocks(locks: SessionLock[]): string {
  if (locks.length === 0) return 'no locks held';
  const rows = [['SCOPE', 'HELD BY', 'SINCE', 'REASON', 'KEY']];
  for (const l of locks) {
    rows.push([
      l.scope,
      `${l.sessionName} (${l.sessionId.slice(0, 8)})`,
      clock(l.acquiredAt),
      `${l.auto ? '[auto] ' : ''}${l.reason}`,
      l.key,
    ]);
  }
  return formatTable(rows);
}

export const lockCommands: Record<string, (ctx: CommandContext) => Promise<void>> = {
  /** Takes a lock for this session; LOCK_HELD (exit 1, naming the holder) when another holds it. */
  async lock(ctx) {
    const reason = ctx.positionals.join(' ').trim();
    if (!reason) throw new UsageError(LOCK_USAGE);
    const lock = await ctx.client.invoke('lock.acquire', {
      id: me(ctx, 'lock'),
      reason,
      scope: scopeFlag(ctx) ?? 'repo',
      wait: waitFlag(ctx),
    });
    ctx.out(ctx.flags.json ? JSON.stringify(lock, null, 2) : describe(lock));
  },

  /** Releases this session's locks (every one, or the one of --scope). */
  async unlock(ctx) {
    const scope = scopeFlag(ctx);
    const { released } = await ctx.client.invoke('lock.release', {
      id: me(ctx, 'unlock'),
      ...(scope ? { scope } : {}),
    });
    ctx.out(ctx.flags.json ? JSON.stringify({ released }) : `released ${released} lock${released === 1 ? '' : 's'}`);
  },

  /** Every lock held, or those on one repository. */
  async locks(ctx) {
    const repo = ctx.flags.repo;
    const { locks } = await ctx.client.invoke(
      'lock.list',
      typeof repo === 'string' ? { repoPath: path.resolve(repo) } : {},
    );
    ctx.out(ctx.flags.json ? JSON.stringify(locks, null, 2) : formatLocks(locks));
  },
};
