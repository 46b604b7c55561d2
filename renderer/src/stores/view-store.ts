import { create } from 'zustand';
import type { SessionStatus } from '../../../shared/session.js';

export type SortKey = 'created' | 'attention' | 'activity' | 'name';

/** How the grid is filtered and ordered. */
interface ViewState {
  search: string;
  status: SessionStatus | 'all';
  provider: string;
  repo: string;
  sort: SortKey;
  /** The ids the grid shows, in its order (for shift-click ranges and keyboard moves). */
  order: string[];
  setOrder(order: string[]): void;
  set(patch: Partial<Pick<ViewState, 'search' | 'status' | 'provider' | 'repo' | 'sort'>>): void;
}

export const useViewStore = create<ViewState>()((set) => ({
  search: '',
  status: 'all',
  provider: '',
  repo: '',
  sort: 'created',
  order: [],
  setOrder: (order) => set({ order }),
  set: (patch) => set(patch),
}));
