import { create } from 'zustand';

export type Theme = 'dark' | 'light';

/** Preferences of this browser (not the host's settings): kept in localStorage. */
interface PrefsState {
  theme: Theme;
  soundOnWaiting: boolean;
  titleBadge: boolean;
  set(patch: Partial<Pick<PrefsState, 'theme' | 'soundOnWaiting' | 'titleBadge'>>): void;
}

const KEY = 'flotilla.prefs';

function load(): Partial<PrefsState> {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<PrefsState>;
  } catch {
    return {};
  }
}

const stored = typeof localStorage === 'undefined' ? {} : load();

export const usePrefsStore = create<PrefsState>()((set, get) => ({
  theme: stored.theme === 'light' ? 'light' : 'dark',
  soundOnWaiting: stored.soundOnWaiting ?? false,
  titleBadge: stored.titleBadge ?? true,
  set: (patch) => {
    set(patch);
    const { theme, soundOnWaiting, titleBadge } = get();
    localStorage.setItem(KEY, JSON.stringify({ theme, soundOnWaiting, titleBadge }));
  },
}));
