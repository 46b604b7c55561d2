import { create } from 'zustand';
import type { ValidationReport } from '../../../shared/validation.js';

/**
 * Each session's latest validation (with output tails), apart from the sessions store: it changes while
 * validators run, and only badges and the details panel re-render for it. `asked` marks sessions whose
 * report was requested since the last (re)connection, so each badge asks the host once.
 */
interface ValidationState {
  byId: Record<string, ValidationReport>;
  asked: Record<string, true>;
  set(id: string, report: ValidationReport): void;
  markAsked(id: string): boolean;
  /** After a reconnection: everything is asked again. */
  reset(): void;
}

export const useValidationStore = create<ValidationState>()((set, get) => ({
  byId: {},
  asked: {},
  set: (id, report) => set((state) => ({ byId: { ...state.byId, [id]: report } })),
  markAsked: (id) => {
    if (get().asked[id]) return false;
    set((state) => ({ asked: { ...state.asked, [id]: true } }));
    return true;
  },
  reset: () => set({ asked: {} }),
}));
