import { useDiffStore } from '../stores/diff-store.js';
import type { FlotillaApi } from './flotilla-api.js';

/**
 * Feeds the diff store from the host's `session.diff` events; a removed session's diff is dropped. Every
 * (re)connection loads all cards' totals at once, since events sent while away (or before a reload) are lost.
 */
export function syncDiffs(api: FlotillaApi): () => void {
  const offs = [
    api.on('session.diff', (event) => useDiffStore.getState().applyEvent(event)),
    api.on('session.removed', ({ id }) => useDiffStore.getState().forget(id)),
    api.onState((state) => {
      if (state === 'open') void loadAllStats(api);
    }),
  ];
  if (api.state === 'open') void loadAllStats(api);
  return () => offs.forEach((off) => off());
}

/** The host answers from its cache; totals it still has to compute follow as `session.diff` events. */
async function loadAllStats(api: FlotillaApi): Promise<void> {
  try {
    const { diffs } = await api.invoke('session.diffStatsAll', {});
    const store = useDiffStore.getState();
    for (const entry of diffs) if (entry.stats || entry.error) store.applyEvent(entry);
  } catch {
    // The next event or reconnection brings the totals; the cards simply show none meanwhile.
  }
}
