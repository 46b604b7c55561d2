import { create } from 'zustand';

export type Theme = 'dark' | 'light';
/** `compact`: one-line cards without the terminal preview, so about 25 fit on a 1440×900 screen. */
export type Density = 'comfortable' | 'compact';

/** The focused view's diff pane, as a share of the height below its header (the terminal gets the rest). */
export const DIFF_SHARE = { min: 0.15, max: 0.8, initial: 0.45 };

/** Preferences of this browser (not the host's settings): kept in localStorage. */
interface Prefs {
  theme: Theme;
  soundOnWaiting: boolean;
  titleBadge: boolean;
  density: Density;
  diffShare: number;
}

interface PrefsState extends Prefs {
  set(patch: Partial<Prefs>): void;
}

const KEY = 'flotilla.prefs';

function load(): Partial<Prefs> {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Prefs>;
  } catch {
    return {};
  }
}

export function clampDiffShare(share: unknown): number {
  if (typeof share !== 'number' || !Number.isFinite(share)) return DIFF_SHARE.initial;
  return Math.min(DIFF_SHARE.max, Math.max(DIFF_SHARE.min, share));
}

const stored = typeof localStorage === 'undefined' ? {} : load();

export const usePrefsStore = create<PrefsState>()((set, get) => ({
  theme: stored.theme === 'light' ? 'light' : 'dark',
  soundOnWaiting: stored.soundOnWaiting ?? false,
  titleBadge: stored.titleBadge ?? true,
  density: stored.density === 'compact' ? 'compact' : 'comfortable',
  diffShare: clampDiffShare(stored.diffShare),
  set: (patch) => {
    set(patch.diffShare === undefined ? patch : { ...patch, diffShare: clampDiffShare(patch.diffShare) });
    const { theme, soundOnWaiting, titleBadge, density, diffShare } = get();
    if (typeof localStorage === 'undefined') return;
    localStorage.setItem(KEY, JSON.stringify({ theme, soundOnWaiting, titleBadge, density, diffShare }));
  },
}));
