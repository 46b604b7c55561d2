import type { importMethods } from '../../shared/imports.js';
import type { SessionManager } from '../engine/index.js';
import type { Handlers } from './dispatch.js';

/** Handlers of the import methods (shared/imports.ts): conversations run outside Flotilla. */
export function importHandlers(manager: SessionManager): Pick<Handlers, keyof typeof importMethods> {
  return {
    'import.list': (request) => manager.imports.list(request),
    'import.start': (request) => manager.imports.start(request),
  };
}
