import { useEffect } from 'react';
import type { RecentRepo } from '../../../shared/repo.js';
import { api } from '../api/api-instance.js';
import { useSettingsStore } from '../stores/settings-store.js';

/** The host's recent repositories, read again when the caller mounts (sessions created since then add to it). */
export function useRecentRepos(): RecentRepo[] {
  useEffect(() => {
    api()
      .invoke('repo.recent', {})
      .then(
        ({ repos }) => useSettingsStore.getState().setRecentRepos(repos),
        () => {}, // offline: the list from the last connection stays
      );
  }, []);
  return useSettingsStore((s) => s.recentRepos);
}
