import type { EngineBase, EngineHost, EngineParts } from '../engine-parts.js';
import { MergeQueues } from './merge-queues.js';

/** Lands several sessions in order: rebase, validate, squash-merge; stops at the first conflict or failure. */
export function wireMergeQueue(base: EngineBase, host: EngineHost, parts: EngineParts) {
  return new MergeQueues({
    session: (ref) => host.get(ref),
    rebase: (id) => parts.git.rebase(id),
    // Read when called: the validation part is built beside this one.
    validate: (id) => parts.reviewLoop.validation.run(id),
    // git.merge, not the session.merge handler: the queue has just validated the rebased head itself.
    merge: (id, message) => parts.git.merge(id, message),
    note: (id, detail) => parts.journal.addEvent(id, 'merge-queue', detail),
    changed: (queue) => base.events.emit('mergeQueue.changed', { queue }),
  });
}
