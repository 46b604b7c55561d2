import type {
  ProfileCreateInput,
  ProfileUpdateInput,
  ProviderProfile,
} from '../../../shared/provider-profile.js';
import type { ProviderRegistry } from '../../providers/registry.js';
import type { ProfileRepository } from '../../store/profile-repository.js';

/** Saved provider configurations (binary, extra args, model, env) that sessions are created with. */
export class ProfileService {
  constructor(
    private readonly store: ProfileRepository,
    private readonly providers: ProviderRegistry,
  ) {}

  list(): ProviderProfile[] {
    return this.store.list();
  }

  /** Saves a profile for a provider this engine knows. */
  create(input: ProfileCreateInput): ProviderProfile {
    this.providers.get(input.provider);
    return this.store.create(input);
  }

  update(patch: ProfileUpdateInput): ProviderProfile {
    return this.store.update(patch);
  }

  delete(ref: string): void {
    this.store.delete(ref);
  }
}
