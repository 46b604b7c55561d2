import { useDiffStore } from '../stores/diff-store.js';
import type { FlotillaApi } from './flotilla-api.js';

/** Feeds the diff store from the host's `session.diff` events; a removed session's diff is dropped. */
export function syncDiffs(api: FlotillaApi): () => void {
  const offs = [
    api.on('session.diff', (event) => useDiffStore.getState().applyEvent(event)),
    api.on('session.removed', ({ id }) => useDiffStore.getState().forget(id)),
  ];
  return () => offs.forEach((off) => off());
}
