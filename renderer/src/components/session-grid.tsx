import { memo, useRef } from 'react';
import type { Session } from '../../../shared/session.js';
import { useRenderCount } from '../hooks/use-render-count.js';
import { useVisibleIds } from '../hooks/use-visible-ids.js';
import { usePrefsStore } from '../stores/prefs-store.js';
import { useSessionsStore } from '../stores/sessions-store.js';
import { EmptyState } from './empty-state.js';
import { SessionCard } from './session-card.js';

function unarchivedCount(byId: Record<string, Session>): number {
  let count = 0;
  for (const id in byId) if (!byId[id]?.archivedAt) count++;
  return count;
}

/**
 * Every session matching the filters, as cards. It subscribes to the ids in display order (useVisibleIds),
 * not to the sessions, so an event that leaves the order alone re-renders one card only.
 * Memoized (it has no props), so the App re-rendering (e.g. for the waiting count in the tab title) skips it.
 */
export const SessionGrid = memo(function SessionGrid() {
  const loaded = useSessionsStore((s) => s.loaded);
  const total = useSessionsStore((s) => unarchivedCount(s.byId));
  const ids = useVisibleIds();

  if (!loaded) return <div className="grid-message">Connecting to the Flotilla host…</div>;
  if (total === 0) return <EmptyState />;
  if (ids.length === 0) return <div className="grid-message">No session matches these filters.</div>;
  return <CardGrid ids={ids} />;
});

function CardGrid({ ids }: { ids: string[] }) {
  const ref = useRef<HTMLElement>(null);
  useRenderCount(ref);
  const density = usePrefsStore((s) => s.density);
  return (
    <section className={`grid${density === 'compact' ? ' compact' : ''}`} aria-label="Sessions" ref={ref}>
      {ids.map((id) => (
        <SessionCard key={id} id={id} />
      ))}
    </section>
  );
}
