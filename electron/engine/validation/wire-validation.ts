import path from 'node:path';
import type { ValidationReport } from '../../../shared/validation.js';
import { resolveRepoRoot } from '../../git/repo-info.js';
import { ValidatorRepository } from '../../store/validator-repository.js';
import { agentEnv } from '../agents/agent-env.js';
import { FLOTILLA_SENDER } from '../coordination/sender.js';
import type { EngineBase, EngineHost, EngineParts } from '../engine-parts.js';
import { ValidationService } from './validation-service.js';

/** Validators: configured per repository, run per session, results as events; gates merges. */
export function wireValidation(base: EngineBase, host: EngineHost, parts: EngineParts) {
  const store = new ValidatorRepository(base.db);
  const service = new ValidationService({
    store,
    events: base.events,
    session: (ref) => host.get(ref),
    repoRoot: (repoPath) => resolveRepoRoot(path.resolve(repoPath)),
    settings: () => host.settings(),
    sessionDir: (id) => host.sessionDir(id),
    env: async (id) => {
      // The ports part is wired after this one: read it at run time.
      const ports = await parts.reviewLoop.costs.envFor(id);
      return agentEnv(parts.profileEnv(base.store.get(id)?.profileId), id, ports);
    },
    send: (id, text) => parts.messages.send(id, text, 'sequential', FLOTILLA_SENDER),
    addEvent: (id, kind, detail) => parts.journal.addEvent(id, kind, detail),
  });
  return {
    service,
    store,
    /** Runs the session's validators now on its current head (cancelling a stale run) and resolves with the outcome (a ValidationSummary with output tails). */
    async run(id: string): Promise<ValidationReport> {
      return service.run(id);
    },
    /** Throws VALIDATION_REQUIRED unless the session's current content passed; an override is recorded. */
    gate(id: string, override: boolean): Promise<void> {
      return service.gate(id, override);
    },
    close(): Promise<void> {
      return service.close();
    },
  };
}
