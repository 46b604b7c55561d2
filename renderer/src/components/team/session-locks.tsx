import '../../styles/team.css';
import { useShallow } from 'zustand/react/shallow';
import { useTeamStore } from '../../stores/team-store.js';
import { RelativeTime } from '../relative-time.js';
import { LockIcon } from './lock-icon.js';

/** The locks this session holds (none: nothing shown), from the host's `lock.changed` events. */
export function SessionLocks({ id }: { id: string }) {
  const locks = useTeamStore(useShallow((s) => s.locks.filter((lock) => lock.sessionId === id)));
  if (locks.length === 0) return null;
  return (
    <div className="team-locks" aria-label="Locks held">
      <div className="team-locks-title">Locks held</div>
      <ul>
        {locks.map((lock) => (
          <li key={lock.id}>
            <LockIcon /> <strong>{lock.scope}</strong>
            {lock.auto ? <span className="muted"> (auto)</span> : null} · {lock.reason} ·{' '}
            <RelativeTime iso={lock.acquiredAt} />
            <div className="muted mono wrap small">{lock.key}</div>
          </li>
        ))}
      </ul>
    </div>
  );
}
