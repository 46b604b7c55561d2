import { useMergeQueueStore } from '../stores/merge-queue-store.js';
import type { FlotillaApi } from './flotilla-api.js';

/** Keeps its store current from the host's events (and on every reconnection); returns the stop. */
export function syncMergeQueue(api: FlotillaApi): () => void {
  const load = async () => {
    try {
      const { queues } = await api.invoke('mergeQueue.get', {});
      useMergeQueueStore.getState().replaceAll(queues);
    } catch {
      // A dropped connection: the next one loads it again.
    }
  };
  const offs = [
    api.on('mergeQueue.changed', ({ queue }) => useMergeQueueStore.getState().set(queue)),
    api.onState((state) => {
      if (state === 'open') void load();
    }),
  ];
  if (api.state === 'open') void load();
  return () => offs.forEach((off) => off());
}
