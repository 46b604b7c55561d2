import { create } from 'zustand';
import type { ProviderInfo, RecentRepo } from '../../../shared/repo.js';
import type { Settings } from '../../../shared/settings.js';

/** Host-side settings and what the host offers (providers, recent repos). */
interface SettingsState {
  settings: Settings | null;
  providers: ProviderInfo[];
  recentRepos: RecentRepo[];
  /** Whether the host's transport has native dialogs (the desktop app): shows "Browse…" for folders. */
  nativeDialogs: boolean;
  /** Whether the host can open a worktree in an editor or terminal on its desktop (the desktop app). */
  openTools: boolean;
  setSettings(settings: Settings): void;
  setProviders(providers: ProviderInfo[]): void;
  setRecentRepos(repos: RecentRepo[]): void;
  setNativeDialogs(available: boolean): void;
}

export const useSettingsStore = create<SettingsState>()((set) => ({
  settings: null,
  providers: [],
  recentRepos: [],
  nativeDialogs: false,
  openTools: false,
  setSettings: (settings) => set({ settings }),
  setProviders: (providers) => set({ providers }),
  setRecentRepos: (recentRepos) => set({ recentRepos }),
  setNativeDialogs: (nativeDialogs) => set({ nativeDialogs }),
}));
