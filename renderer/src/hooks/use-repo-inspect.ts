import { useEffect, useState } from 'react';
import type { RepoInfo } from '../../../shared/repo.js';
import { api } from '../api/api-instance.js';
import { errorMessage } from '../api/errors.js';

export type RepoCheck =
  { state: 'empty' } | { state: 'checking' } | { state: 'ok'; info: RepoInfo } | { state: 'error'; message: string };

/** Inspects the typed repo path (debounced): its branches and current branch, or why it is not a repo. */
export function useRepoInspect(repoPath: string): RepoCheck {
  const [check, setCheck] = useState<RepoCheck>({ state: 'empty' });
  useEffect(() => {
    const path = repoPath.trim();
    if (!path) {
      setCheck({ state: 'empty' });
      return;
    }
    let current = true;
    setCheck({ state: 'checking' });
    const timer = setTimeout(() => {
      api()
        .invoke('repo.inspect', { repoPath: path })
        .then(
          (info) => current && setCheck({ state: 'ok', info }),
          (error: unknown) => current && setCheck({ state: 'error', message: errorMessage(error) }),
        );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [repoPath]);
  return check;
}
