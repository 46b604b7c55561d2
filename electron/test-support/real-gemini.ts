import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { agentCli } from './agent-clis.js';
import { geminiApi } from './model-server/gemini-stream.js';
import { text } from './model-server/model-server.js';
import { useRealAgent, type RealAgent } from './real-agent.js';

/**
 * The real Gemini CLI (pinned in agent-clis.json) against the scripted model over the Gemini API: a user's
 * own setup for a proxy, `GOOGLE_GEMINI_BASE_URL` (http is allowed for 127.0.0.1) with a `GEMINI_API_KEY`,
 * and ~/.gemini/settings.json choosing API-key auth (no auth dialog), no folder-trust check, no update
 * check, no usage statistics or telemetry. Gemini 0.61 calls the server only: its model router asks for a
 * JSON complexity score first (a side request without tools), answered here so its schema check passes.
 */
export const geminiCli = agentCli('gemini');

const SETTINGS = {
  security: { auth: { selectedType: 'gemini-api-key' }, folderTrust: { enabled: false } },
  general: { disableAutoUpdate: true, disableUpdateNag: true },
  privacy: { usageStatisticsEnabled: false },
  telemetry: { enabled: false },
};

export function useRealGemini(): RealAgent {
  return useRealAgent({
    provider: 'gemini',
    cli: geminiCli,
    fixtures: fileURLToPath(new URL('../providers/fixtures/gemini', import.meta.url)),
    apis: { '/v1beta/models/*': geminiApi },
    sideReply: text(JSON.stringify({ complexity_reasoning: 'A scripted task.', complexity_score: 10 })),
    dropEnv: /^(GEMINI_|GOOGLE_)/,
    configure(home, server) {
      mkdirSync(path.join(home, '.gemini'), { recursive: true });
      writeFileSync(path.join(home, '.gemini', 'settings.json'), JSON.stringify(SETTINGS, null, 2));
      return { GEMINI_API_KEY: 'scripted-gemini-key', GOOGLE_GEMINI_BASE_URL: server.url };
    },
  });
}
