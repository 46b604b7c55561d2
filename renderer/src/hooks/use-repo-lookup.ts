import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/errors.js';

export type RepoLookup<T> =
  { state: 'empty' } | { state: 'checking' } | { state: 'ok'; value: T } | { state: 'error'; message: string };

/** How long typing must pause before the typed repository path is looked up. */
const DEBOUNCE_MS = 250;

/**
 * Looks up something about the repository at a path being typed: debounced, the latest path only (an
 * answer for an older path is dropped). `lookup` must be stable (a module-level function). `set` shows a
 * value the caller already has (what a save returned) without asking again.
 */
export function useRepoLookup<T>(
  repoPath: string,
  lookup: (repoPath: string) => Promise<T>,
): { result: RepoLookup<T>; set(value: T): void } {
  const [result, setResult] = useState<RepoLookup<T>>({ state: 'empty' });
  useEffect(() => {
    const path = repoPath.trim();
    if (!path) {
      setResult({ state: 'empty' });
      return;
    }
    let current = true;
    setResult({ state: 'checking' });
    const timer = setTimeout(() => {
      lookup(path).then(
        (value) => current && setResult({ state: 'ok', value }),
        (error: unknown) => current && setResult({ state: 'error', message: errorMessage(error) }),
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [repoPath, lookup]);
  const set = useCallback((value: T) => setResult({ state: 'ok', value }), []);
  return { result, set };
}
