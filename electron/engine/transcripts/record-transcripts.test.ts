import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { agentCli } from '../../test-support/agent-clis.js';
import { startModelServer, text, toolCall } from '../../test-support/model-server/model-server.js';
import { responsesApi } from '../../test-support/model-server/responses-stream.js';
import { createTempRepo } from '../../test-support/temp-repo.js';

/**
 * The recorder of fixtures/: runs the real Claude Code and Codex headless (`claude -p`, `codex exec`) against
 * the scripted model, one Write / one shell command each, and keeps the transcript they wrote. Opt-in
 * (FLOTILLA_RECORD_TRANSCRIPTS=1): re-record when a pinned CLI version changes.
 */
const run = promisify(execFile);
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const record = process.env.FLOTILLA_RECORD_TRANSCRIPTS === '1';

/** Temp paths differ per run: a fixed one keeps the fixtures stable. */
function stable(text: string, dir: string): string {
  return text.split(dir).join('/tmp/flotilla-test');
}

function findFile(dir: string, test: (name: string) => boolean): string | undefined {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = findFile(full, test);
      if (found) return found;
    } else if (test(entry.name)) return full;
  }
  return undefined;
}

describe.skipIf(!record)('record transcripts from the real CLIs', () => {
  it('Claude Code: a Write, then a closing text', { timeout: 120_000 }, async () => {
    const bin = agentCli('claude').bin!;
    const temp = createTempRepo();
    const home = path.join(temp.dir, 'home');
    mkdirSync(home);
    const key = 'sk-ant-flotilla-test';
    writeFileSync(
      path.join(home, '.claude.json'),
      JSON.stringify({ hasCompletedOnboarding: true, customApiKeyResponses: { approved: [key], rejected: [] } }),
    );
    const file = path.join(temp.repo, 'hello.txt');
    const model = await startModelServer({
      rules: [
        { when: 'make hello', reply: toolCall('Write', { file_path: file, content: 'hi\n' }, 'Writing it.'), times: 1 },
        { when: (r) => r.toolResults.some((t) => !t.isError), reply: text('Done with hello.txt.') },
      ],
    });
    const id = randomUUID();
    const own = Object.fromEntries(Object.entries(process.env).filter(([n]) => !/^(ANTHROPIC|CLAUDE)_/.test(n)));
    const env = {
      ...own,
      HOME: home,
      ANTHROPIC_BASE_URL: model.url,
      ANTHROPIC_API_KEY: key,
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    };
    try {
      await run(bin, ['-p', '--session-id', id, '--permission-mode', 'acceptEdits', 'make hello'], {
        cwd: temp.repo,
        env,
        timeout: 90_000,
      });
      const found = findFile(path.join(home, '.claude', 'projects'), (n) => n === `${id}.jsonl`);
      expect(found).toBeDefined();
      writeFileSync(path.join(FIXTURES, 'claude-write.jsonl'), stable(readFileSync(found!, 'utf8'), temp.dir));
    } finally {
      await model.close();
      await temp.cleanup();
    }
  });

  it('Codex: a shell command, then a closing text', { timeout: 120_000 }, async () => {
    const bin = agentCli('codex').bin!;
    const temp = createTempRepo();
    const home = path.join(temp.dir, 'home');
    mkdirSync(path.join(home, '.codex'), { recursive: true });
    const model = await startModelServer({
      rules: [
        { when: 'make hello', reply: toolCall('exec_command', { cmd: 'echo hi > hello.txt' }), times: 1 },
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
      // Codex exec reads a piped stdin as more prompt: an ended stdin lets it start.
      const child = run(bin, ['exec', '--sandbox', 'workspace-write', '--skip-git-repo-check', 'make hello'], {
        cwd: temp.repo,
        env,
        timeout: 90_000,
      });
      child.child.stdin?.end();
      await child;
      const found = findFile(
        path.join(home, '.codex', 'sessions'),
        (n) => n.startsWith('rollout-') && n.endsWith('.jsonl'),
      );
      expect(found).toBeDefined();
      writeFileSync(path.join(FIXTURES, 'codex-exec.jsonl'), stable(readFileSync(found!, 'utf8'), temp.dir));
    } finally {
      await model.close();
      await temp.cleanup();
    }
  });
});
