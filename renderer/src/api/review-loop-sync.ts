import { syncConflicts } from './conflict-sync.js';
import type { FlotillaApi } from './flotilla-api.js';
import { syncMergeQueue } from './merge-queue-sync.js';
import { syncReviewComments } from './review-comment-sync.js';
import { syncValidation } from './validation-sync.js';

/** Review that talks back (issue 15): validation, review comments, the conflict forecast, the merge queue. */
export function syncReviewLoop(api: FlotillaApi): () => void {
  const stops = [syncValidation(api), syncReviewComments(api), syncConflicts(api), syncMergeQueue(api)];
  return () => stops.forEach((stop) => stop());
}
