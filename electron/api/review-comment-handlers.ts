import type { reviewCommentMethods } from '../../shared/review-comments.js';
import type { SessionManager } from '../engine/index.js';
import type { Handlers } from './dispatch.js';

/** The handlers of shared/review-comments.ts. */
export function reviewCommentHandlers(_manager: SessionManager): Pick<Handlers, keyof typeof reviewCommentMethods> {
  return {};
}
