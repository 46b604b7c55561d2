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

export function StatusBadge({ status }: { status: SessionStatus }) {
  return (
    <span className={`status status-${status}`} data-status={status}>
      <span className="status-dot" aria-hidden="true" />
      {STATUS_LABEL[status]}
    </span>
  );
}
