import type { ValidationSummary } from '../../../shared/validation.js';
import type { EngineBase, EngineHost, EngineParts } from '../engine-parts.js';

/** Validators: configured per repository, run per session, results as events; gates merges. */
export function wireValidation(_base: EngineBase, _host: EngineHost, _parts: EngineParts) {
  return {
    /** Runs the session's validators now on its current head (cancelling a stale run) and resolves with the outcome. */
    async run(_id: string): Promise<ValidationSummary> {
      return { status: 'none', head: null, results: [] };
    },
    close(): void {},
  };
}
