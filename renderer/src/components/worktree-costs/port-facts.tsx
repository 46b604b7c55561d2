import { useEffect, useState } from 'react';
import type { SessionPorts } from '../../../../shared/worktree-costs.js';
import { api } from '../../api/api-instance.js';

/** In a session's details (inside its <dl>): the session's port block (FLOTILLA_PORT…). */
export function PortFacts({ id }: { id: string }) {
  const [ports, setPorts] = useState<SessionPorts | null>(null);
  // Assigned once, at the session's first launch; read again when another session is shown.
  useEffect(() => {
    let live = true;
    setPorts(null);
    api()
      .invoke('ports.get', { id })
      .then(
        (next) => live && setPorts(next),
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, [id]);
  if (!ports) return null;
  const last = ports.firstPort + ports.size - 1;
  return (
    <>
      <dt>Ports</dt>
      <dd className="mono" title={`FLOTILLA_PORT=${ports.firstPort}, FLOTILLA_PORT_1…_${ports.size - 1} the next ones`}>
        {ports.size === 1 ? ports.firstPort : `${ports.firstPort}–${last}`}{' '}
        <span className="muted">($FLOTILLA_PORT={ports.firstPort})</span>
      </dd>
    </>
  );
}
