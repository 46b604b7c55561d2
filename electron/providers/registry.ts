import { FlotillaError } from '../../shared/errors.js';
import type { ProviderInfo } from '../../shared/repo.js';
import { aiderProvider } from './aider.js';
import { claudeProvider } from './claude.js';
import { codexProvider } from './codex.js';
import { customProvider } from './custom.js';
import { demoProvider } from './demo.js';
import { geminiProvider } from './gemini.js';
import { opencodeProvider } from './opencode.js';
import type { Provider } from './provider.js';
import { shellProvider } from './shell.js';

const builtIn: Provider[] = [
  claudeProvider,
  codexProvider,
  geminiProvider,
  aiderProvider,
  opencodeProvider,
  customProvider,
  shellProvider,
  demoProvider,
];

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

  /** Every provider with whether its CLI can be started here, and if not, what to install. */
  availability(scratchDir: string): Promise<ProviderInfo[]> {
    return Promise.all(
      this.all().map(async (provider) => {
        try {
          await provider.launch({ sessionId: 'probe', prompt: '', conversationId: null, worktreePath: scratchDir, stateDir: scratchDir });
          return { id: provider.id, label: provider.label, available: true, problem: null };
        } catch (error) {
          return { id: provider.id, label: provider.label, available: false, problem: error instanceof Error ? error.message : String(error) };
        }
      }),
    );
  }
}
