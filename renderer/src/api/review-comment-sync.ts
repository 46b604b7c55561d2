import { useReviewCommentStore } from '../stores/review-comment-store.js';
import type { FlotillaApi } from './flotilla-api.js';

/** Asks for a session's comments once per connection (its diff panel mounting calls this); never throws. */
export async function loadReviewComments(api: FlotillaApi, id: string, force = false): Promise<void> {
  if (!useReviewCommentStore.getState().markAsked(id) && !force) return;
  try {
    const { comments } = await api.invoke('review.list', { id });
    useReviewCommentStore.getState().set(id, comments);
  } catch {
    // The session is gone or the host away: the next connection asks again.
  }
}

/** Keeps its store current from the host's events (and on every reconnection); returns the stop. */
export function syncReviewComments(api: FlotillaApi): () => void {
  const store = useReviewCommentStore.getState;
  const offs = [
    api.on('review.changed', ({ id, comments }) => store().set(id, comments)),
    api.onState((state) => {
      if (state !== 'open') return;
      // Comments may have changed while away: ask again for those shown.
      const shown = Object.keys(store().byId);
      store().reset();
      for (const id of shown) void loadReviewComments(api, id);
    }),
  ];
  return () => offs.forEach((off) => off());
}
