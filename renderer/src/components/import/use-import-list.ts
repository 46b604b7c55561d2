import { useCallback, useMemo } from 'react';
import type { ImportListResult } from '../../../../shared/imports.js';
import { api } from '../../api/api-instance.js';
import { useRepoLookup, type RepoLookup } from '../../hooks/use-repo-lookup.js';

const listWith = (profileId: string) => (repoPath: string) =>
  api().invoke('import.list', { repoPath, ...(profileId ? { profileId } : {}) });

/** The conversations found for the typed repository (debounced), and a reload for after an import. */
export function useImportList(
  repoPath: string,
  profileId: string,
): { result: RepoLookup<ImportListResult>; reload(): Promise<void> } {
  const list = useMemo(() => listWith(profileId), [profileId]);
  const { result, set } = useRepoLookup(repoPath, list);
  const reload = useCallback(async () => {
    if (repoPath.trim()) set(await list(repoPath.trim()));
  }, [repoPath, list, set]);
  return { result, reload };
}
