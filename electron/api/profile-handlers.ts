import type { profileMethods } from '../../shared/provider-profile.js';
import type { SessionManager } from '../engine/index.js';
import type { Handlers } from './dispatch.js';

/** Handlers of the provider profile methods (shared/provider-profile.ts). */
export function profileHandlers(manager: SessionManager): Pick<Handlers, keyof typeof profileMethods> {
  return {
    'profiles.list': () => ({ profiles: manager.profiles.list() }),
    'profiles.create': (input) => manager.profiles.create(input),
    'profiles.update': (patch) => manager.profiles.update(patch),
    'profiles.delete': ({ id }) => {
      manager.profiles.delete(id);
      return { ok: true } as const;
    },
  };
}
