import { useEffect, useState } from 'react';
import type { ProviderProfile } from '../../../shared/provider-profile.js';
import { api } from '../api/api-instance.js';

/** The host's saved provider profiles, read when the caller mounts (a dialog opening); empty until then or on error. */
export function useProfiles(): ProviderProfile[] {
  const [profiles, setProfiles] = useState<ProviderProfile[]>([]);
  useEffect(() => {
    let current = true;
    api()
      .invoke('profiles.list', {})
      .then(
        (result) => current && setProfiles(result.profiles),
        () => {},
      );
    return () => {
      current = false;
    };
  }, []);
  return profiles;
}
