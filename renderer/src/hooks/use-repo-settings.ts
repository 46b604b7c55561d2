import type { RepoSettings } from '../../../shared/worktree.js';
import { api } from '../api/api-instance.js';
import { useRepoLookup, type RepoLookup } from './use-repo-lookup.js';

export type RepoSettingsLoad = RepoLookup<RepoSettings>;

const getSettings = (repoPath: string) => api().invoke('repo.getSettings', { repoPath });

/**
 * The worktree setup of the repository at the typed path (debounced, like New session's repository
 * check), and `saved` to show what the host stored after a save without asking again.
 */
export function useRepoSettings(repoPath: string): { load: RepoSettingsLoad; saved(settings: RepoSettings): void } {
  const { result, set } = useRepoLookup(repoPath, getSettings);
  return { load: result, saved: set };
}
