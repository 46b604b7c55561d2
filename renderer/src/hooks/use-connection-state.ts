import { useSyncExternalStore } from 'react';
import { api } from '../api/api-instance.js';
import type { ConnectionState } from '../api/flotilla-api.js';

export function useConnectionState(): ConnectionState {
  return useSyncExternalStore(
    (onChange) => api().onState(onChange),
    () => api().state,
  );
}

/**
 * Whether the page is cut off from the host: what it shows is the last known state, and anything that
 * would ask the host is disabled until it is back (see app.tsx).
 */
export function useOffline(): boolean {
  return useConnectionState() !== 'open';
}
