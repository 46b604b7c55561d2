import { ReviewCommentRepository } from '../../store/review-comment-repository.js';
import { USER_SENDER } from '../coordination/sender.js';
import type { EngineBase, EngineHost, EngineParts } from '../engine-parts.js';
import { ReviewCommentService } from './review-comment-service.js';

/** Comments on a session's diff lines, sent to its agent as one message. */
export function wireReviewComments(base: EngineBase, host: EngineHost, parts: EngineParts) {
  const service = new ReviewCommentService({
    store: new ReviewCommentRepository(base.db),
    events: base.events,
    session: (ref) => host.get(ref),
    diff: (id) => parts.git.diff(id),
    // The user's review: typed as theirs, queued until the agent is idle, never over a question.
    send: (id, text) => parts.messages.send(id, text, 'sequential', USER_SENDER).id,
    addEvent: (id, kind, detail) => parts.journal.addEvent(id, kind, detail),
  });
  return {
    service,
    close(): void {
      service.close();
    },
  };
}
