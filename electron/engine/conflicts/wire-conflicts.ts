import type { EngineBase, EngineHost, EngineParts } from '../engine-parts.js';

/** The conflict forecast between live sessions and their base. */
export function wireConflicts(_base: EngineBase, _host: EngineHost, _parts: EngineParts) {
  return {
    close(): void {},
  };
}
