import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { agentCli } from '../../test-support/agent-clis.js';
import { startModelServer, text } from '../../test-support/model-server/model-server.js';
import { responsesApi } from '../../test-support/model-server/responses-stream.js';
import { createTempRepo } from '../../test-support/temp-repo.js';

/**
 * The recorder of fixtures/codex-*.jsonl (the Claude one is copied by providers/real-claude-usage.test.ts):
 * the real Codex headless (`codex exec`) against the scripted model, a shell command then a closing text,
 * the first reply with cached input. Opt-in (FLOTILLA_RECORD_TRANSCRIPTS=1): re-record on a new Codex.
 */
const run = promisify(execFile);
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const record = process.env.FLOTILLA_RECORD_TRANSCRIPTS === '1';

function findRollout(dir: string): string | undefined {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = findRollout(full);
      if (found) return found;
    } else if (entry.name.startsWith('rollout-') && entry.name.endsWith('.jsonl')) return full;
  }
  return undefined;
}

describe.skipIf(!record)('record Codex usage', () => {
  it('Codex: a shell command (cached input), then a closing text', { timeout: 120_000 }, async () => {
    const bin = agentCli('codex').bin!;
    const temp = createTempRepo();
    const home = path.join(temp.dir, 'home');
    mkdirSync(path.join(home, '.codex'), { recursive: true });
    const model = await startModelServer({
      rules: [
        {
          when: 'make hello',
          reply: {
            kind: 'tool',
            name: 'exec_command',
            input: { cmd: 'echo hi > hello.txt' },
            usage: { cacheReadTokens: 30 },
          },
          times: 1,
        },
        { when: (r) => r.toolResults.length > 0, reply: text('Done with hello.txt.') },
      ],
      apis: { '/v1/responses': responsesApi },
      sideReply: text('Task'),
    });
    const config = [
      'model_provider = "scripted"',
      'model = "gpt-5-codex"',
      'check_for_update_on_startup = false',
      '[model_providers.scripted]',
      'name = "scripted"',
      `base_url = "${model.url}/v1"`,
      'wire_api = "responses"',
      'env_key = "SCRIPTED_KEY"',
    ];
    writeFileSync(path.join(home, '.codex', 'config.toml'), `${config.join('\n')}\n`);
    const { CODEX_HOME: _c, OPENAI_API_KEY: _k, ...rest } = process.env;
    const env = { ...rest, HOME: home, SCRIPTED_KEY: 'sk-scripted-codex' };
    try {
      const exec = run(bin, ['exec', '--sandbox', 'workspace-write', '--skip-git-repo-check', 'make hello'], {
        cwd: temp.repo,
        env,
        timeout: 90_000,
      });
      // codex exec reads more prompt from stdin until it closes.
      exec.child.stdin?.end();
      await exec;
      const found = findRollout(path.join(home, '.codex', 'sessions'));
      expect(found).toBeDefined();
      const requests = model.modelRequests().map((r) => `${r.seq} tools=${r.toolsOffered} model=${r.model}`);
      console.log(`model requests: ${requests.join('; ')}`);
      writeFileSync(
        path.join(FIXTURES, 'codex-exec.jsonl'),
        readFileSync(found!, 'utf8').split(temp.dir).join('/tmp/flotilla-test'),
      );
    } finally {
      await model.close();
      await temp.cleanup();
    }
  });
});
