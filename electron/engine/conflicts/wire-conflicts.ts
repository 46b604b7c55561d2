import type { EngineBase, EngineHost, EngineParts } from '../engine-parts.js';
import { ConflictForecaster } from './conflict-forecast.js';

/** The conflict forecast between live sessions and their base. */
export function wireConflicts(base: EngineBase, host: EngineHost, _parts: EngineParts) {
  return new ConflictForecaster({
    list: () => host.list(),
    subscribe: (listener) => host.subscribe(listener),
    changed: (repoPath, pairs, computedAt) => base.events.emit('conflicts.changed', { repoPath, pairs, computedAt }),
  });
}
