import { useValidationStore } from '../stores/validation-store.js';
import type { FlotillaApi } from './flotilla-api.js';

/** Asks for a session's report once per connection (a badge mounting calls this); never throws. */
export async function loadValidation(api: FlotillaApi, id: string): Promise<void> {
  if (!useValidationStore.getState().markAsked(id)) return;
  try {
    useValidationStore.getState().set(id, await api.invoke('validation.get', { id }));
  } catch {
    // The session is gone or the host away: the next connection asks again.
  }
}

/** Keeps its store current from the host's events (and on every reconnection); returns the stop. */
export function syncValidation(api: FlotillaApi): () => void {
  const store = useValidationStore.getState;
  const offs = [
    api.on('validation.changed', ({ id, summary }) => store().set(id, summary)),
    api.onState((state) => {
      if (state !== 'open') return;
      // Reports may have changed while away: ask again for those shown.
      const shown = Object.keys(store().byId);
      store().reset();
      for (const id of shown) void loadValidation(api, id);
    }),
  ];
  return () => offs.forEach((off) => off());
}
