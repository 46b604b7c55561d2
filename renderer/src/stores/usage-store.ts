import { create } from 'zustand';
import type { SessionUsage } from '../../../shared/usage.js';

/**
 * Each session's tokens and cost, apart from the sessions store: usage changes often while an agent works,
 * and only the card's usage line and the header total need to re-render for it.
 */
interface UsageState {
  byId: Record<string, SessionUsage>;
  replaceAll(byId: Record<string, SessionUsage>): void;
  set(id: string, usage: SessionUsage): void;
}

export const useUsageStore = create<UsageState>()((set) => ({
  byId: {},
  replaceAll: (byId) => set({ byId }),
  set: (id, usage) => set((state) => ({ byId: { ...state.byId, [id]: usage } })),
}));
