import type { reviewCommentMethods } from '../../shared/review-comments.js';
import type { SessionManager } from '../engine/index.js';
import type { Handlers } from './dispatch.js';

/** The handlers of shared/review-comments.ts. */
export function reviewCommentHandlers(manager: SessionManager): Pick<Handlers, keyof typeof reviewCommentMethods> {
  const { service } = manager.reviewLoop.comments;
  return {
    'review.add': ({ id, ...comment }) => service.add(id, comment),
    'review.list': async ({ id }) => {
      const comments = await service.list(id);
      return { id: manager.get(id).id, comments };
    },
    'review.remove': async ({ id, commentId }) => ({
      id: manager.get(id).id,
      comments: await service.remove(id, commentId),
    }),
    'review.edit': ({ id, commentId, body }) => service.edit(id, commentId, body),
    'review.send': ({ id }) => service.send(id),
  };
}
