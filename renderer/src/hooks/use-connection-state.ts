import { useSyncExternalStore } from 'react';
import { api } from '../api/api-instance.js';
import type { ConnectionState } from '../api/flotilla-api.js';

export function useConnectionState(): ConnectionState {
  return useSyncExternalStore(
    (onChange) => api().onState(onChange),
    () => api().state,
  );
}
