import { memo } from 'react';
import { useSessionsStore } from '../stores/sessions-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { useViewStore } from '../stores/view-store.js';
import { SessionName } from './session-name.js';
import { STATUS_LABEL } from './status-badge.js';

/** The other sessions, compact, beside the focused one: one click switches. */
export function SessionRail({ focusedId }: { focusedId: string }) {
  const order = useViewStore((s) => s.order);
  return (
    <nav className="rail" aria-label="Sessions">
      {order.map((id) => (
        <RailItem key={id} id={id} active={id === focusedId} />
      ))}
    </nav>
  );
}

const RailItem = memo(function RailItem({ id, active }: { id: string; active: boolean }) {
  const session = useSessionsStore((s) => s.byId[id]);
  if (!session) return null;
  return (
    <button
      type="button"
      // A worker sits indented under its parent (the order puts it right after it).
      className={`rail-item status-${session.status}${active ? ' active' : ''}${session.parentId ? ' child' : ''}`}
      aria-current={active ? 'true' : undefined}
      title={`${session.name}: ${STATUS_LABEL[session.status]}`}
      onClick={() => useUiStore.getState().focus(id)}
    >
      <span className="status-dot" aria-hidden="true" />
      <span className="rail-name">
        <SessionName name={session.name} />
      </span>
      <span className="rail-status">{STATUS_LABEL[session.status]}</span>
    </button>
  );
});
