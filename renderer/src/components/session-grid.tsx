import { useEffect, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useSessionsStore } from '../stores/sessions-store.js';
import { useViewStore } from '../stores/view-store.js';
import { visibleSessionIds } from '../stores/visible-sessions.js';
import { EmptyState } from './empty-state.js';
import { SessionCard } from './session-card.js';

/** Every session matching the filters, as cards. Re-renders on membership/order changes only. */
export function SessionGrid() {
  const byId = useSessionsStore((s) => s.byId);
  const loaded = useSessionsStore((s) => s.loaded);
  const view = useViewStore(
    useShallow((s) => ({ search: s.search, status: s.status, provider: s.provider, repo: s.repo, sort: s.sort })),
  );
  const computed = useMemo(() => visibleSessionIds(Object.values(byId), view), [byId, view]);
  // Keep the same array while the order is unchanged, so memoized cards and the order store stay put.
  const ids = useStableArray(computed);
  const setOrder = useViewStore((s) => s.setOrder);
  useEffect(() => setOrder(ids), [ids, setOrder]);

  if (!loaded) return <div className="grid-message">Connecting to the Flotilla host…</div>;
  const total = Object.values(byId).filter((s) => !s.archivedAt).length;
  if (total === 0) return <EmptyState />;
  if (ids.length === 0) return <div className="grid-message">No session matches these filters.</div>;
  return (
    <section className="grid" aria-label="Sessions">
      {ids.map((id) => (
        <SessionCard key={id} id={id} />
      ))}
    </section>
  );
}

function useStableArray(next: string[]): string[] {
  const kept = useRef(next);
  const same = kept.current.length === next.length && kept.current.every((id, i) => id === next[i]);
  if (!same) kept.current = next;
  return kept.current;
}
