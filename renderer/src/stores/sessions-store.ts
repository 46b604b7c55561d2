import { create } from 'zustand';
import type { Session } from '../../../shared/session.js';

interface SessionsState {
  /** Sessions by id; each update replaces only its own entry, so other cards do not re-render. */
  byId: Record<string, Session>;
  /** Whether the first list arrived (before that the grid shows a loading state, not the empty state). */
  loaded: boolean;
  replaceAll(sessions: Session[]): void;
  upsert(session: Session): void;
  /** Changes a field locally ahead of the host's confirmation (which then replaces the whole record). */
  patch(id: string, changes: Partial<Session>): void;
  remove(id: string): void;
}

export const useSessionsStore = create<SessionsState>()((set) => ({
  byId: {},
  loaded: false,
  replaceAll: (sessions) => set({ byId: Object.fromEntries(sessions.map((s) => [s.id, s])), loaded: true }),
  upsert: (session) =>
    set((state) => {
      const current = state.byId[session.id];
      // Events can arrive out of order with a list reply: never go back to an older record.
      if (current && current.updatedAt > session.updatedAt) return state;
      return { byId: { ...state.byId, [session.id]: session } };
    }),
  patch: (id, changes) =>
    set((state) => {
      const current = state.byId[id];
      return current ? { byId: { ...state.byId, [id]: { ...current, ...changes } } } : state;
    }),
  remove: (id) =>
    set((state) => {
      if (!(id in state.byId)) return state;
      const { [id]: _removed, ...rest } = state.byId;
      return { byId: rest };
    }),
}));

export function sessionById(id: string): Session | undefined {
  return useSessionsStore.getState().byId[id];
}
