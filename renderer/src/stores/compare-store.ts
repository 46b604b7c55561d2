import { create } from 'zustand';

/** The two sessions being compared side by side (fan-out runs judged against each other), if any. */
interface CompareState {
  pair: readonly [string, string] | null;
  /** The file whose two patches are shown. */
  selected: string | null;
  open(left: string, right: string): void;
  close(): void;
  select(path: string | null): void;
}

export const useCompareStore = create<CompareState>()((set) => ({
  pair: null,
  selected: null,
  open: (left, right) => set(left === right ? {} : { pair: [left, right], selected: null }),
  close: () => set({ pair: null, selected: null }),
  select: (selected) => set({ selected }),
}));
