import { create } from 'zustand';

interface AttentionState {
  /** Why the host asks for the user (e.g. auto-yes refused by the guard), per session, while it waits. */
  notes: Record<string, string>;
  note(id: string, reason: string): void;
  clear(id: string): void;
}

/** `session.attention` reasons; a note lasts until its session stops waiting (answered, paused, gone). */
export const useAttentionStore = create<AttentionState>()((set) => ({
  notes: {},
  note: (id, reason) => set((state) => ({ notes: { ...state.notes, [id]: reason } })),
  clear: (id) =>
    set((state) => {
      if (!(id in state.notes)) return state;
      const notes = { ...state.notes };
      delete notes[id];
      return { notes };
    }),
}));
