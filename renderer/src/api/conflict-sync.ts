import { useConflictStore } from '../stores/conflict-store.js';
import type { FlotillaApi } from './flotilla-api.js';

/** Keeps its store current from the host's events (and on every reconnection); returns the stop. */
export function syncConflicts(api: FlotillaApi): () => void {
  const store = useConflictStore.getState;
  const offs = [
    api.on('conflicts.changed', ({ repoPath, pairs }) => store().setRepo(repoPath, pairs)),
    api.onState((state) => {
      if (state !== 'open') return;
      // The forecast may have changed while away (or this is the first connection): ask for all of it.
      api.invoke('conflicts.list', {}).then(
        ({ pairs }) => store().replaceAll(pairs),
        () => undefined, // The host went away again: the next connection asks again.
      );
    }),
  ];
  return () => offs.forEach((off) => off());
}
