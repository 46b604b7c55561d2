import path from 'node:path';
import type { validationMethods } from '../../shared/validation.js';
import type { SessionManager } from '../engine/index.js';
import { resolveRepoRoot } from '../git/repo-info.js';
import type { Handlers } from './dispatch.js';

/** The handlers of shared/validation.ts. */
export function validationHandlers(manager: SessionManager): Pick<Handlers, keyof typeof validationMethods> {
  const { service, store } = manager.reviewLoop.validation;
  const root = (repoPath: string) => resolveRepoRoot(path.resolve(repoPath));
  return {
    'validators.list': async ({ repoPath }) => {
      const top = await root(repoPath);
      return { repoPath: top, validators: store.list(top) };
    },
    'validators.set': async ({ repoPath, ...validator }) => {
      const top = await root(repoPath);
      return { repoPath: top, validators: store.set(top, validator) };
    },
    'validators.remove': async ({ repoPath, name }) => {
      const top = await root(repoPath);
      return { repoPath: top, validators: store.remove(top, name) };
    },
    'validation.run': ({ id }) => service.run(id),
    'validation.get': ({ id }) => service.get(id),
    'validation.sendFailures': ({ id }) => ({ sent: service.sendFailures(id) }),
  };
}
