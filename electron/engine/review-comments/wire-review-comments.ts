import type { EngineBase, EngineHost, EngineParts } from '../engine-parts.js';

/** Comments on a session's diff lines, sent to its agent as one message. */
export function wireReviewComments(_base: EngineBase, _host: EngineHost, _parts: EngineParts) {
  return {
    close(): void {},
  };
}
