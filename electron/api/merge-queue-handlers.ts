import type { mergeQueueMethods } from '../../shared/merge-queue.js';
import type { SessionManager } from '../engine/index.js';
import type { Handlers } from './dispatch.js';

/** The handlers of shared/merge-queue.ts. */
export function mergeQueueHandlers(_manager: SessionManager): Pick<Handlers, keyof typeof mergeQueueMethods> {
  return {};
}
