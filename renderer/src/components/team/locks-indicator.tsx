import '../../styles/team.css';
import { useEffect, useRef, useState } from 'react';
import { useTeamStore } from '../../stores/team-store.js';
import { RelativeTime } from '../relative-time.js';
import { LockIcon } from './lock-icon.js';

/** In the header: a padlock and "2" while sessions hold locks; a click lists them (holder, scope, reason, since). */
export function LocksIndicator() {
  const locks = useTeamStore((s) => s.locks);
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (event: MouseEvent) => !ref.current?.contains(event.target as Node) && setOpen(false);
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(false);
    window.addEventListener('mousedown', onDown);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('mousedown', onDown);
      window.removeEventListener('keydown', onKey);
    };
  }, [open]);
  if (locks.length === 0) return null;
  const label = `${locks.length} lock${locks.length === 1 ? '' : 's'} held`;
  return (
    <div className="locks-indicator" ref={ref}>
      <button
        type="button"
        className="locks-pill"
        aria-label={label}
        aria-expanded={open}
        title={label}
        onClick={() => setOpen(!open)}
      >
        <LockIcon /> {locks.length}
      </button>
      {open ? (
        <div className="locks-popover" role="dialog" aria-label="Locks held">
          <table>
            <thead>
              <tr>
                <th>Holder</th>
                <th>Scope</th>
                <th>Reason</th>
                <th>Since</th>
              </tr>
            </thead>
            <tbody>
              {locks.map((lock) => (
                <tr key={lock.id}>
                  <td>{lock.sessionName}</td>
                  <td title={lock.key}>
                    {lock.scope}
                    {lock.auto ? ' (auto)' : ''}
                  </td>
                  <td>{lock.reason}</td>
                  <td>
                    <RelativeTime iso={lock.acquiredAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
