import { create } from 'zustand';
import type { ProviderInfo, RecentRepo } from '../../../shared/repo.js';
import type { Settings } from '../../../shared/settings.js';

/** Host-side settings and what the host offers (providers, recent repos). */
interface SettingsState {
  settings: Settings | null;
  providers: ProviderInfo[];
  recentRepos: RecentRepo[];
  setSettings(settings: Settings): void;
  setProviders(providers: ProviderInfo[]): void;
  setRecentRepos(repos: RecentRepo[]): void;
}

export const useSettingsStore = create<SettingsState>()((set) => ({
  settings: null,
  providers: [],
  recentRepos: [],
  setSettings: (settings) => set({ settings }),
  setProviders: (providers) => set({ providers }),
  setRecentRepos: (recentRepos) => set({ recentRepos }),
}));
