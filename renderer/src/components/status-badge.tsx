import type { SessionStatus } from '../../../shared/session.js';

export const STATUS_LABEL: Record<SessionStatus, string> = {
  creating: 'Starting',
  running: 'Running',
  waiting: 'Waiting for you',
  idle: 'Idle',
  paused: 'Paused',
  completed: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** `queued`: a `creating` session still waiting for a slot under the max-concurrent-sessions setting. */
export function StatusBadge({ status, queued = false }: { status: SessionStatus; queued?: boolean }) {
  return (
    <span className={`status status-${queued ? 'queued' : status}`} data-status={status} data-queued={queued || undefined}>
      <span className="status-dot" aria-hidden="true" />
      {queued ? 'Queued' : STATUS_LABEL[status]}
    </span>
  );
}
