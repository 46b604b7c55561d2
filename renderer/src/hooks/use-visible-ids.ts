import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useFoldStore } from '../stores/fold-store.js';
import { useSessionsStore } from '../stores/sessions-store.js';
import { useViewStore } from '../stores/view-store.js';
import { visibleSessionIds } from '../stores/visible-sessions.js';

/**
 * The ids the grid shows, in its order, compared item by item: a component using it re-renders only when
 * the order changes, not on every session event. A folded parent's workers are left out.
 */
export function useVisibleIds(): string[] {
  const view = useViewStore(
    useShallow((s) => ({ search: s.search, status: s.status, provider: s.provider, repo: s.repo, sort: s.sort })),
  );
  const folded = useFoldStore((s) => s.folded);
  return useSessionsStore(useShallow((s) => visibleSessionIds(Object.values(s.byId), view, folded)));
}

/**
 * Keeps the view store's order (shift-click ranges, keyboard moves, Select all, the rail) current whether
 * or not the grid is on screen: a page reloaded straight into a focused session has no grid.
 */
export function GridOrderSync(): null {
  const ids = useVisibleIds();
  const setOrder = useViewStore((s) => s.setOrder);
  useEffect(() => setOrder(ids), [ids, setOrder]);
  return null;
}
