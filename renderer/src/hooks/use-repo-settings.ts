import { useEffect, useState } from 'react';
import type { RepoSettings } from '../../../shared/worktree.js';
import { api } from '../api/api-instance.js';
import { errorMessage } from '../api/errors.js';

export type RepoSettingsLoad =
  | { state: 'empty' }
  | { state: 'loading' }
  | { state: 'ok'; settings: RepoSettings }
  | { state: 'error'; message: string };

/**
 * The worktree setup of the repository at the typed path (debounced, like New session's repository
 * check), and `saved` to show what the host stored after a save without asking again.
 */
export function useRepoSettings(repoPath: string): { load: RepoSettingsLoad; saved(settings: RepoSettings): void } {
  const [load, setLoad] = useState<RepoSettingsLoad>({ state: 'empty' });
  useEffect(() => {
    const path = repoPath.trim();
    if (!path) {
      setLoad({ state: 'empty' });
      return;
    }
    let current = true;
    setLoad({ state: 'loading' });
    const timer = setTimeout(() => {
      api()
        .invoke('repo.getSettings', { repoPath: path })
        .then(
          (settings) => current && setLoad({ state: 'ok', settings }),
          (error: unknown) => current && setLoad({ state: 'error', message: errorMessage(error) }),
        );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [repoPath]);
  return { load, saved: (settings) => setLoad({ state: 'ok', settings }) };
}
