import type { RepoInfo } from '../../../shared/repo.js';
import { currentBranch, isDirty, listBranches, resolveRepoRoot } from '../../git/repo-info.js';

/** What the new-session dialog shows about a repo: its root, branches and whether it has local changes. */
export async function inspectRepo(repoPath: string): Promise<RepoInfo> {
  const root = await resolveRepoRoot(repoPath);
  const [current, branches, dirty] = await Promise.all([
    currentBranch(root).catch(() => null),
    listBranches(root),
    isDirty(root),
  ]);
  return { root, currentBranch: current, branches, dirty };
}
