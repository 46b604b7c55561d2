import type { validationMethods } from '../../shared/validation.js';
import type { SessionManager } from '../engine/index.js';
import type { Handlers } from './dispatch.js';

/** The handlers of shared/validation.ts. */
export function validationHandlers(_manager: SessionManager): Pick<Handlers, keyof typeof validationMethods> {
  return {};
}
