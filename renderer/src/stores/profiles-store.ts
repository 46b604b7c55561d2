import { create } from 'zustand';
import type { ProviderProfile } from '../../../shared/provider-profile.js';
import { api } from '../api/api-instance.js';

/** The host's saved provider profiles, shared by Settings (which edits them) and the New session dialog. */
interface ProfilesState {
  profiles: ProviderProfile[];
  /** Reads the list again from the host; a failure keeps the last list. */
  refresh(): Promise<void>;
}

export const useProfilesStore = create<ProfilesState>()((set) => ({
  profiles: [],
  refresh: async () => {
    try {
      set({ profiles: (await api().invoke('profiles.list', {})).profiles });
    } catch {
      // Offline or not connected yet: the next refresh (a dialog opening, a change saved) reads it again.
    }
  },
}));
