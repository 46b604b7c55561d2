import { create } from 'zustand';

/**
 * A bulk remove in progress: which sessions are being removed (their cards say so) and how far it got (the
 * batch bar says "Removing 3 of 10…"). A remove can take seconds per session (agent stopped, worktree deleted).
 */
interface RemovalState {
  removing: Record<string, true>;
  total: number;
  done: number;
  start(ids: readonly string[]): void;
  finish(id: string): void;
}

export const useRemovalStore = create<RemovalState>()((set) => ({
  removing: {},
  total: 0,
  done: 0,
  start: (ids) =>
    set((s) => {
      // A second bulk remove while one runs adds to it, so the count covers both.
      const busy = Object.keys(s.removing).length > 0;
      const removing = { ...s.removing };
      for (const id of ids) removing[id] = true;
      return { removing, total: (busy ? s.total : 0) + ids.length, done: busy ? s.done : 0 };
    }),
  finish: (id) =>
    set((s) => {
      if (!s.removing[id]) return s;
      const { [id]: _, ...removing } = s.removing;
      const done = s.done + 1;
      return Object.keys(removing).length === 0 ? { removing, total: 0, done: 0 } : { removing, done };
    }),
}));

/** "Removing 3 of 10…": the one under way (counted from 1), or null when no bulk remove runs. */
export function removalProgress(state: Pick<RemovalState, 'total' | 'done'>): string | null {
  if (state.total === 0) return null;
  return `Removing ${Math.min(state.done + 1, state.total)} of ${state.total}…`;
}
