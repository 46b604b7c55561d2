import type { conflictMethods } from '../../shared/conflicts.js';
import type { SessionManager } from '../engine/index.js';
import type { Handlers } from './dispatch.js';

/** The handlers of shared/conflicts.ts. */
export function conflictHandlers(manager: SessionManager): Pick<Handlers, keyof typeof conflictMethods> {
  return {
    'conflicts.list': ({ repoPath }) => manager.reviewLoop.conflicts.list(repoPath),
  };
}
