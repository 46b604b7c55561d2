import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { agentCli } from './agent-clis.js';
import { chatCompletionsApi } from './model-server/chat-completions-stream.js';
import { text } from './model-server/model-server.js';
import { useRealAgent, type RealAgent } from './real-agent.js';

/**
 * The real opencode (pinned in agent-clis.json) against the scripted model over Chat Completions: a custom
 * provider in ~/.config/opencode/opencode.json with `npm: "@ai-sdk/openai-compatible"` (bundled in the
 * 1.18 binary: nothing is downloaded) and `options.baseURL` at the server, the model chosen there, bash and
 * edits set to "ask" so its permission panel shows. OPENCODE_DISABLE_MODELS_FETCH stops its models.dev
 * look-up at start (without it, it only tries DNS and goes on), and autoupdate, sharing, LSP downloads and
 * default plugins are off.
 */
export const opencodeCli = agentCli('opencode');

function config(baseURL: string) {
  return {
    $schema: 'https://opencode.ai/config.json',
    autoupdate: false,
    share: 'disabled',
    model: 'scripted/scripted-model',
    small_model: 'scripted/scripted-model',
    permission: { bash: 'ask', edit: 'ask' },
    provider: {
      scripted: {
        npm: '@ai-sdk/openai-compatible',
        name: 'Scripted',
        options: { baseURL, apiKey: 'scripted-opencode-key' },
        models: { 'scripted-model': { name: 'Scripted model' } },
      },
    },
  };
}

/**
 * The config folder as opencode leaves it after its first run. With any plugin configured (Flotilla's hooks
 * plugin), opencode 1.18 waits for its own `npm install @opencode-ai/plugin` there (when node_modules or the
 * lock lacks it) before it loads plugins or answers a prompt: in a fresh, offline HOME the first prompt would
 * wait on the registry. Flotilla's plugin imports nothing, so an empty node_modules will do.
 */
function asAfterFirstRun(dir: string): void {
  const dependencies = { '@opencode-ai/plugin': '1.18.33' };
  mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ dependencies }));
  writeFileSync(path.join(dir, 'package-lock.json'), JSON.stringify({ packages: { '': { dependencies } } }));
}

export function useRealOpencode(): RealAgent {
  return useRealAgent({
    provider: 'opencode',
    cli: opencodeCli,
    fixtures: fileURLToPath(new URL('../providers/fixtures/opencode', import.meta.url)),
    apis: { '/v1/chat/completions': chatCompletionsApi },
    sideReply: text('Scripted task'),
    dropEnv: /^(OPENCODE_|OPENAI_|ANTHROPIC_)/,
    configure(home, server) {
      const dir = path.join(home, '.config', 'opencode');
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'opencode.json'), JSON.stringify(config(`${server.url}/v1`), null, 2));
      asAfterFirstRun(dir);
      return {
        OPENCODE_DISABLE_MODELS_FETCH: '1',
        OPENCODE_DISABLE_AUTOUPDATE: '1',
        OPENCODE_DISABLE_DEFAULT_PLUGINS: '1',
        OPENCODE_DISABLE_LSP_DOWNLOAD: '1',
        OPENCODE_DISABLE_SHARE: '1',
      };
    },
  });
}
