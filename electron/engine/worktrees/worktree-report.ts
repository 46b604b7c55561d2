import { readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Session } from '../../../shared/session.js';
import type { OrphanWorktree, WorktreeReport } from '../../../shared/worktree.js';
import { diskUsage } from './disk-usage.js';

async function subdirs(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory()).map((e) => path.join(dir, e.name));
  } catch {
    return [];
  }
}

/** Where session worktrees live: the data dir's `worktrees` folder, and the configured location if any. */
export function worktreeRoots(dataDir: string, configuredRoot: string): string[] {
  return [path.join(dataDir, 'worktrees'), ...(configuredRoot ? [configuredRoot] : [])];
}

/** Which repository and branch a worktree folder belongs to, read from its `.git` file (no git needed). */
export async function describeWorktree(dir: string): Promise<Pick<OrphanWorktree, 'repoPath' | 'branch'>> {
  try {
    const pointer = (await readFile(path.join(dir, '.git'), 'utf8')).trim();
    const gitDir = path.resolve(dir, pointer.replace(/^gitdir:\s*/, ''));
    // <repo>/.git/worktrees/<name>
    const repoPath =
      path.basename(path.dirname(gitDir)) === 'worktrees' ? path.dirname(path.dirname(path.dirname(gitDir))) : null;
    const head = (await readFile(path.join(gitDir, 'HEAD'), 'utf8').catch(() => '')).trim();
    const branch = head.startsWith('ref: refs/heads/') ? head.slice('ref: refs/heads/'.length) : null;
    return { repoPath, branch };
  } catch {
    return { repoPath: null, branch: null };
  }
}

/**
 * Folders under the worktree roots (`<root>/<repo>/<leaf>`) that no session knows, and sessions whose
 * worktree is gone. Only reports: cleaning up is the user's decision.
 */
export async function worktreeReport(roots: string[], sessions: Session[]): Promise<WorktreeReport> {
  const known = new Set(sessions.map((s) => path.resolve(s.worktreePath)));
  const orphans: OrphanWorktree[] = [];
  for (const root of [...new Set(roots.map((r) => path.resolve(r)))]) {
    for (const group of await subdirs(root)) {
      for (const leaf of await subdirs(group)) {
        if (known.has(leaf)) continue;
        const { bytes } = await diskUsage(leaf);
        orphans.push({ path: leaf, ...(await describeWorktree(leaf)), bytes });
      }
    }
  }
  const missing = sessions
    .filter((s) => s.status !== 'creating' && !existsSync(s.worktreePath))
    .map((s) => ({ id: s.id, worktreePath: s.worktreePath }));
  return { orphans, missing };
}
