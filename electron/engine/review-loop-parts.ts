import type { EngineBase, EngineHost, EngineParts } from './engine-parts.js';
import { wireConflicts } from './conflicts/wire-conflicts.js';
import { wireMergeQueue } from './merge-queue/wire-merge-queue.js';
import { wireReviewComments } from './review-comments/wire-review-comments.js';
import { wireValidation } from './validation/wire-validation.js';
import { wireWorktreeCosts } from './worktree-costs/wire-worktree-costs.js';

/** Review that talks back (issue 15): each part is built from the engine's parts and exposes what it offers. */
export interface ReviewLoopParts {
  validation: ReturnType<typeof wireValidation>;
  comments: ReturnType<typeof wireReviewComments>;
  conflicts: ReturnType<typeof wireConflicts>;
  mergeQueue: ReturnType<typeof wireMergeQueue>;
  costs: ReturnType<typeof wireWorktreeCosts>;
  close(): Promise<void>;
}

export function wireReviewLoop(base: EngineBase, host: EngineHost, parts: EngineParts): ReviewLoopParts {
  const loop = {
    validation: wireValidation(base, host, parts),
    comments: wireReviewComments(base, host, parts),
    conflicts: wireConflicts(base, host, parts),
    mergeQueue: wireMergeQueue(base, host, parts),
    costs: wireWorktreeCosts(base, host, parts),
  };
  return {
    ...loop,
    async close() {
      // The queue first (it may be waiting on validators), then what it waits on.
      await Promise.all(
        [loop.mergeQueue, loop.validation, loop.conflicts, loop.comments, loop.costs].map((part) => part.close()),
      );
    },
  };
}
