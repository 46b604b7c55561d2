import type { RepoInfo } from '../../../shared/repo.js';
import { api } from '../api/api-instance.js';
import { useRepoLookup, type RepoLookup } from './use-repo-lookup.js';

export type RepoCheck = RepoLookup<RepoInfo>;

const inspect = (repoPath: string) => api().invoke('repo.inspect', { repoPath });

/** Inspects the typed repo path (debounced): its branches and current branch, or why it is not a repo. */
export function useRepoInspect(repoPath: string): RepoCheck {
  return useRepoLookup(repoPath, inspect).result;
}
