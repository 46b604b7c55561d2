import { useEffect } from 'react';
import type { ProviderProfile } from '../../../shared/provider-profile.js';
import { useProfilesStore } from '../stores/profiles-store.js';

/** The host's saved provider profiles, read again when the caller mounts (a dialog opening) and after every change. */
export function useProfiles(): ProviderProfile[] {
  useEffect(() => {
    void useProfilesStore.getState().refresh();
  }, []);
  return useProfilesStore((s) => s.profiles);
}
