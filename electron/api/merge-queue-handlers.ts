import type { mergeQueueMethods } from '../../shared/merge-queue.js';
import type { SessionManager } from '../engine/index.js';
import type { Handlers } from './dispatch.js';

/** The handlers of shared/merge-queue.ts. */
export function mergeQueueHandlers(manager: SessionManager): Pick<Handlers, keyof typeof mergeQueueMethods> {
  const queues = () => manager.reviewLoop.mergeQueue;
  return {
    'mergeQueue.start': ({ ids, message }) => queues().start(ids, message),
    'mergeQueue.get': () => Promise.resolve({ queues: queues().list() }),
  };
}
