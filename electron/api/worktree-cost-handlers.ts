import type { worktreeCostMethods } from '../../shared/worktree-costs.js';
import type { SessionManager } from '../engine/index.js';
import type { Handlers } from './dispatch.js';

/** The handlers of shared/worktree-costs.ts. */
export function worktreeCostHandlers(manager: SessionManager): Pick<Handlers, keyof typeof worktreeCostMethods> {
  const costs = manager.reviewLoop.costs;
  return {
    'ports.get': ({ id }) => costs.ports(id),
    'storage.repoTotals': ({ repoPath }) => costs.repoTotals(repoPath),
    'worktrees.merged': ({ repoPath }) => costs.merged(repoPath),
    // Not forced: the engine's own guard (merged, clean) applies on top of ours.
    'worktrees.removeMerged': ({ ids }) => costs.removeMerged(ids, (id) => manager.remove(id, false)),
  };
}
