import { useEffect, useState } from 'react';
import type { SessionEvent, SessionStatus } from '../../../shared/session.js';
import { api } from '../api/api-instance.js';
import { RelativeTime } from './relative-time.js';

/** The session's recorded events (status changes, answers, notes), newest first; refetched on status changes. */
export function SessionHistory({ id, status }: { id: string; status: SessionStatus }) {
  const [events, setEvents] = useState<SessionEvent[]>([]);
  useEffect(() => {
    let current = true;
    api()
      .invoke('session.events', { id })
      .then(
        (result) => current && setEvents(result.events.slice(-12).reverse()),
        () => {},
      );
    return () => {
      current = false;
    };
  }, [id, status]);
  if (events.length === 0) return null;
  return (
    <details className="history" open>
      <summary>History</summary>
      <ol>
        {events.map((event) => (
          <li key={event.id}>
            <RelativeTime iso={event.at} />{' '}
            <span>{event.toStatus ? `${event.fromStatus ?? '—'} → ${event.toStatus}` : event.kind}</span>
            {event.detail ? <span className="muted"> · {event.detail}</span> : null}
          </li>
        ))}
      </ol>
    </details>
  );
}
