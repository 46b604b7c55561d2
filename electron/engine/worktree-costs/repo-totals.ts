import { existsSync } from 'node:fs';
import type { Session } from '../../../shared/session.js';
import type { RepoDiskTotal } from '../../../shared/worktree-costs.js';
import { diskUsage } from '../worktrees/disk-usage.js';

/**
 * Disk taken by session worktrees, per repository. A worktree shared by several sessions counts once;
 * a missing one counts nothing. Walked one worktree at a time: a big node_modules is many files.
 */
export async function repoDiskTotals(sessions: Session[], repoPath?: string): Promise<RepoDiskTotal[]> {
  const totals = new Map<string, RepoDiskTotal>();
  const seen = new Set<string>();
  for (const session of sessions) {
    if (repoPath !== undefined && session.repoPath !== repoPath) continue;
    const total = totals.get(session.repoPath) ?? { repoPath: session.repoPath, sessions: 0, bytes: 0, files: 0 };
    totals.set(session.repoPath, total);
    total.sessions++;
    if (seen.has(session.worktreePath) || !existsSync(session.worktreePath)) continue;
    seen.add(session.worktreePath);
    const use = await diskUsage(session.worktreePath);
    total.bytes += use.bytes;
    total.files += use.files;
  }
  return [...totals.values()].sort((a, b) => b.bytes - a.bytes);
}
