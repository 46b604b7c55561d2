import { FlotillaError } from '../../shared/errors.js';
import { demoProvider } from './demo.js';
import type { Provider } from './provider.js';
import { shellProvider } from './shell.js';

const builtIn: Provider[] = [demoProvider, shellProvider];

export class ProviderRegistry {
  private readonly providers = new Map<string, Provider>();

  constructor(providers: Provider[] = builtIn) {
    for (const provider of providers) this.providers.set(provider.id, provider);
  }

  get(id: string): Provider {
    const provider = this.providers.get(id);
    if (!provider) {
      throw new FlotillaError('PROVIDER_NOT_FOUND', `unknown provider "${id}" (known: ${[...this.providers.keys()].join(', ')})`);
    }
    return provider;
  }

  all(): Provider[] {
    return [...this.providers.values()];
  }

  ids(): string[] {
    return [...this.providers.keys()];
  }
}
