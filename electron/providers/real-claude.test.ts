import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../shared/session.js';
import { agentCli } from '../test-support/agent-clis.js';
import { flotillaOk, startCliHost, stopCliHost } from '../test-support/cli-host.js';
import {
  startModelServer,
  text,
  toolCall,
  type ModelServer,
  type Rule,
} from '../test-support/model-server/model-server.js';
import { isStoppedOrFrozen, killSessionProcesses, sessionProcesses } from '../test-support/process-probe.js';
import { createTempRepo, type TempRepo } from '../test-support/temp-repo.js';
import { waitFor } from '../test-support/wait-for.js';

/**
 * The real Claude Code (the version pinned in test-support/agent-clis.json, installed by
 * scripts/install-agent-clis.mjs) in Flotilla sessions, end to end through a real host and the `flotilla`
 * CLI, against the scripted model server: it never reaches Anthropic. Run alone:
 *   node scripts/install-agent-clis.mjs claude && npx vitest run electron/providers/real-claude.test.ts
 */
const claude = agentCli('claude');
// A key of at most 20 characters: Claude Code remembers approved keys by their last 20.
const KEY = 'sk-ant-flotilla-test';

let temp: TempRepo;
let home: string;
let model: ModelServer;
let host: ChildProcess | undefined;
const seen = new Set<string>();

function env(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOME: home,
    FLOTILLA_HOME: temp.dataDir,
    PATH: `${path.dirname(claude.bin ?? '')}${path.delimiter}${process.env.PATH ?? ''}`,
    ANTHROPIC_BASE_URL: model.url,
    ANTHROPIC_API_KEY: KEY,
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
  };
}

const flotilla = (...args: string[]) => flotillaOk(args, env());
const show = async (id: string) => JSON.parse(await flotilla('show', id, '--json')) as Session;

async function screenShows(id: string, pattern: RegExp, timeoutMs = 60_000): Promise<string> {
  let last = '';
  return waitFor(
    async () => {
      last = await flotilla('screen', id);
      return pattern.test(last) ? last : undefined;
    },
    { timeoutMs, intervalMs: 300, what: `screen of ${id} to match ${pattern}` },
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n${last}`);
  });
}

async function waitStatus(id: string, status: string, seconds = 60): Promise<Session> {
  await flotilla('wait', id, '--status', status, '--timeout', String(seconds)).catch(async (error: Error) => {
    throw new Error(`${error.message}\nscreen:\n${await flotilla('screen', id)}`);
  });
  return show(id);
}

/**
 * Starts a session with `prompt`, scripts the model with `rules` (made knowing the worktree), answers the
 * folder trust check; resolves once the model got the prompt.
 */
async function start(prompt: string, rules: (worktree: string) => Rule[]): Promise<Session> {
  const [created] = JSON.parse(
    await flotilla('new', '--repo', temp.repo, '--provider', 'claude', '--prompt', prompt, '--json'),
  ) as Session[];
  seen.add(created!.id);
  model.addRules(...rules(created!.worktreePath));
  await screenShows(created!.id, /Yes, I trust this folder/);
  await waitStatus(created!.id, 'waiting', 30);
  await flotilla('approve', created!.id);
  await model.waitForRequest((r) => r.toolsOffered && r.lastUserText.includes(prompt), 60_000);
  return created!;
}

beforeEach(async () => {
  if (!claude.bin) return;
  temp = createTempRepo();
  home = path.join(temp.dir, 'home');
  mkdirSync(home);
  seen.clear();
  writeFileSync(
    path.join(home, '.claude.json'),
    JSON.stringify({
      hasCompletedOnboarding: true,
      theme: 'dark',
      customApiKeyResponses: { approved: [KEY], rejected: [] },
    }),
  );
  model = await startModelServer();
  host = await startCliHost(env());
});

afterEach(async () => {
  if (!claude.bin) return;
  await stopCliHost(host);
  const leaked = sessionProcesses(seen);
  killSessionProcesses(seen);
  await model.close();
  await temp.cleanup();
  expect(leaked, 'agent processes left behind').toEqual([]);
});

/** The Write rules: a tool call creating `name` in the worktree, then a closing text once the result is in. */
const writeRules =
  (prompt: string, name: string, content: string) =>
  (worktree: string): Rule[] => [
    { when: prompt, reply: toolCall('Write', { file_path: path.join(worktree, name), content }), times: 1 },
    { when: (r) => r.toolResults.length > 0, reply: text(`Done with ${name}.`) },
  ];

async function killAndCheck(id: string): Promise<void> {
  await flotilla('kill', id);
  expect((await show(id)).status).toBe('cancelled');
  expect(sessionProcesses([id])).toEqual([]);
}

describe.skipIf(!claude.bin)('real Claude Code against the scripted model', () => {
  it(
    'asks before a Write; approve writes the file, the model gets the result, idle; pause stops it, resume goes on; kill leaves nothing',
    { timeout: 240_000 },
    async () => {
      const session = await start('create hello.txt', writeRules('create hello.txt', 'hello.txt', 'hello\n'));
      const file = path.join(session.worktreePath, 'hello.txt');
      const waiting = await waitStatus(session.id, 'waiting');
      expect(waiting.question).toMatchObject({
        text: 'Do you want to create hello.txt?',
        options: ['Yes', 'Yes, allow all edits during this session (shift+tab)', 'No'],
      });
      expect(existsSync(file)).toBe(false);
      await flotilla('approve', session.id);
      const result = await model.waitForRequest((r) => r.toolResults.length > 0);
      expect(readFileSync(file, 'utf8')).toBe('hello\n');
      expect(result.toolResults).toEqual([
        {
          toolUseId: 'toolu_scripted_' + String(result.seq - 1),
          content: expect.stringContaining('File created'),
          isError: false,
        },
      ]);
      await screenShows(session.id, /Done with hello\.txt\./);
      await waitStatus(session.id, 'idle');

      await flotilla('pause', session.id);
      const paused = sessionProcesses([session.id]);
      expect(paused.length).toBeGreaterThan(0);
      // Paused: every process of the agent stopped (state T, or a frozen cgroup), none running code.
      expect(paused.filter((p) => !isStoppedOrFrozen(p.pid))).toEqual([]);
      await flotilla('resume', session.id);
      expect(sessionProcesses([session.id]).filter((p) => isStoppedOrFrozen(p.pid))).toEqual([]);
      model.addRules({ when: 'are you there', reply: text('Still here.') });
      await flotilla('send', session.id, 'are you there');
      await model.waitForRequest((r) => r.toolsOffered && r.lastUserText === 'are you there', 30_000);
      await screenShows(session.id, /Still here\./);
      await waitStatus(session.id, 'idle');
      await killAndCheck(session.id);
    },
  );

  it('deny: no file, and the model is told the Write was refused', { timeout: 240_000 }, async () => {
    const session = await start('create nope.txt', writeRules('create nope.txt', 'nope.txt', 'no\n'));
    await waitStatus(session.id, 'waiting');
    await flotilla('deny', session.id);
    await waitStatus(session.id, 'idle');
    expect(existsSync(path.join(session.worktreePath, 'nope.txt'))).toBe(false);
    // Claude Code waits for the user after a refusal; the refusal goes to the model with the next message.
    model.addRules({ when: 'never mind', reply: text('Understood.') });
    await flotilla('send', session.id, 'never mind');
    const next = await model.waitForRequest((r) => r.toolsOffered && r.lastUserText.includes('never mind'), 30_000);
    const refused = next.messages.flatMap((m) => m.toolResults);
    expect(refused).toEqual([
      expect.objectContaining({ isError: true, content: expect.stringMatching(/reject|doesn't want/i) }),
    ]);
    await killAndCheck(session.id);
  });

  it(
    'after a host restart, resume continues the conversation: the model sees the earlier messages',
    { timeout: 240_000 },
    async () => {
      const session = await start('remember the word pineapple', () => [
        { when: 'remember the word', reply: text('I will remember it.') },
      ]);
      await screenShows(session.id, /I will remember it\./);
      await waitStatus(session.id, 'idle');
      await stopCliHost(host);
      expect(sessionProcesses([session.id])).toEqual([]);
      host = await startCliHost(env());
      expect((await show(session.id)).status).toBe('paused');
      await flotilla('resume', session.id);
      model.addRules({ when: 'which word', reply: text('Pineapple.') });
      await screenShows(session.id, /remember the word pineapple/);
      await flotilla('send', session.id, 'which word');
      const next = await model.waitForRequest((r) => r.toolsOffered && r.lastUserText.includes('which word'), 60_000);
      expect(
        next.messages.map((m) => [m.role, m.text.replace(/<system-reminder>[^]*?<\/system-reminder>/g, '').trim()]),
      ).toEqual(
        expect.arrayContaining([
          ['user', expect.stringContaining('remember the word pineapple')],
          ['assistant', 'I will remember it.'],
        ]),
      );
      await screenShows(session.id, /Pineapple\./);
      await killAndCheck(session.id);
    },
  );
});

// Never skipped silently: the reason is printed and names the skipped test.
if (!claude.bin) {
  console.warn(`real Claude Code tests skipped: ${claude.missing}`);
  describe('real Claude Code (not installed)', () => {
    it.skip(`skipped: ${claude.missing}`, () => {});
  });
}
