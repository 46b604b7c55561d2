import type { worktreeCostMethods } from '../../shared/worktree-costs.js';
import type { SessionManager } from '../engine/index.js';
import type { Handlers } from './dispatch.js';

/** The handlers of shared/worktree-costs.ts. */
export function worktreeCostHandlers(_manager: SessionManager): Pick<Handlers, keyof typeof worktreeCostMethods> {
  return {};
}
