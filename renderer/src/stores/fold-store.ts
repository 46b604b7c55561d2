import { create } from 'zustand';

/** Parent sessions whose workers are folded out of the grid; kept in localStorage like the other prefs. */
interface FoldState {
  folded: Record<string, true>;
  toggle(id: string): void;
  /** Forgets a removed session, so the stored list does not grow with every parent ever folded. */
  drop(id: string): void;
}

const KEY = 'flotilla.folded';

function load(): Record<string, true> {
  try {
    const ids: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(ids)
      ? Object.fromEntries(ids.filter((id) => typeof id === 'string').map((id) => [id, true]))
      : {};
  } catch {
    return {};
  }
}

function save(folded: Record<string, true>): void {
  if (typeof localStorage !== 'undefined') localStorage.setItem(KEY, JSON.stringify(Object.keys(folded)));
}

export const useFoldStore = create<FoldState>()((set, get) => ({
  folded: typeof localStorage === 'undefined' ? {} : load(),
  toggle: (id) => {
    const folded = { ...get().folded };
    if (folded[id]) delete folded[id];
    else folded[id] = true;
    set({ folded });
    save(folded);
  },
  drop: (id) => {
    if (!get().folded[id]) return;
    const { [id]: _gone, ...folded } = get().folded;
    set({ folded });
    save(folded);
  },
}));
