import { api } from '../api/api-instance.js';
import { useConnectionState } from '../hooks/use-connection-state.js';
import '../styles/connection.css';

/**
 * While the host is away: says so, that what is shown is the last known state, and that actions are off
 * until it is back (the page reconnects by itself and then fetches everything anew).
 */
export function ConnectionBanner() {
  const state = useConnectionState();
  const hub = api();
  // The first connection of a page load takes a moment: only a lost (or refused) one is worth a banner.
  if (state === 'open' || (state !== 'refused' && !hub.everOpen)) return null;
  return (
    <div className={`connection-banner conn-banner-${state}`} role="alert">
      <strong>{state === 'refused' ? 'The host refuses this page' : 'Disconnected — reconnecting…'}</strong>
      <span>
        {state === 'refused'
          ? 'It was restarted with a new token: open the address it printed.'
          : 'Showing the last known state; actions are off until the host is back.'}
      </span>
      {hub.retryNow ? (
        <button type="button" className="btn" onClick={() => hub.retryNow?.()}>
          Retry now
        </button>
      ) : null}
    </div>
  );
}
