import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../shared/session.js';
import { agentCli } from '../test-support/agent-clis.js';
import { flotillaOk, startCliHost, stopCliHost } from '../test-support/cli-host.js';
import {
  apiError,
  stall,
  startModelServer,
  text,
  toolCall,
  type ModelServer,
  type RecordedRequest,
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
const FIXTURES = fileURLToPath(new URL('./fixtures/claude/', import.meta.url));

let temp: TempRepo;
let home: string;
let model: ModelServer;
let host: ChildProcess | undefined;
const seen = new Set<string>();

/** The developer's own Claude settings (CLAUDE_CONFIG_DIR, ANTHROPIC_AUTH_TOKEN, ...) must not reach the test. */
const ownEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(ANTHROPIC_|CLAUDE_)/.test(key)));

function env(): NodeJS.ProcessEnv {
  return {
    ...ownEnv,
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

/**
 * The recorder: with FLOTILLA_RECORD_SCREENS=1 the tests write the screens they reach to
 * fixtures/claude/<name>.txt, so a new Claude Code version is re-recorded by one run of this file.
 */
async function record(id: string, name: string): Promise<void> {
  if (process.env.FLOTILLA_RECORD_SCREENS !== '1') return;
  const screen = await flotilla('screen', id);
  // The worktree's temp path differs per run: a fixed one keeps the fixtures stable.
  const stable = screen.replace(/\/tmp\/flotilla-test-[^/\s]+/g, '/tmp/flotilla-test');
  writeFileSync(path.join(FIXTURES, `${name}.txt`), stable.endsWith('\n') ? stable : `${stable}\n`);
}

/** Types `line` into the session and resolves with the model call it leads to (the screen in the error if none). */
async function say(id: string, line: string, timeoutMs = 30_000): Promise<RecordedRequest> {
  await flotilla('send', id, line);
  return model
    .waitForRequest((r) => r.toolsOffered && r.lastUserText.includes(line), timeoutMs)
    .catch(async (error: Error) => {
      throw new Error(`${error.message}\nscreen:\n${await flotilla('screen', id)}`);
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
  expect((await waitStatus(created!.id, 'waiting', 30)).question).toMatchObject({
    text: 'Is this a project you created or one you trust?',
    options: ['Yes, I trust this folder', 'No, exit'],
  });
  // A stray ↓ in the terminal first: Claude's menus take the option's number, wherever the highlight is.
  await flotilla('send', created!.id, '\x1b[B', '--no-enter');
  await screenShows(created!.id, /❯ 2\. No, exit/);
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
    { when: (r) => r.toolResults.some((t) => !t.isError), reply: text(`Done with ${name}.`) },
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
      await record(session.id, 'permission-write');
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
      await record(session.id, 'idle-after-write');

      await flotilla('pause', session.id);
      const paused = sessionProcesses([session.id]);
      expect(paused.length).toBeGreaterThan(0);
      // Paused: every process of the agent stopped (state T, or a frozen cgroup), none running code.
      expect(paused.filter((p) => !isStoppedOrFrozen(p.pid))).toEqual([]);
      await flotilla('resume', session.id);
      expect(sessionProcesses([session.id]).filter((p) => isStoppedOrFrozen(p.pid))).toEqual([]);
      model.addRules({ when: 'are you there', reply: text('Still here.') });
      await say(session.id, 'are you there');
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
    // Claude Code waits for the user after a refusal; the refusal goes to the model with the next message
    // ("[Request interrupted by user for tool use]" before it).
    model.addRules({ when: 'never mind', reply: text('Understood.') });
    const next = await say(session.id, 'never mind');
    const refused = next.messages.flatMap((m) => m.toolResults);
    expect(refused).toEqual([
      expect.objectContaining({ isError: true, content: expect.stringMatching(/reject|doesn't want/i) }),
    ]);
    await screenShows(session.id, /Understood\./);
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
      // Sent at once, as a script would: with the Enter 30 ms after the text it was lost here 1 time in 3
      // (Claude Code took it as part of a paste); 200 ms since 322fa31.
      const next = await say(session.id, 'which word');
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

describe.skipIf(!claude.bin)('real Claude Code: its other dialogs and states', () => {
  it(
    'choose 2 ("allow all edits during this session"): the next Write is not asked',
    { timeout: 240_000 },
    async () => {
      const session = await start('write two files', (worktree) => [
        {
          when: 'write two files',
          reply: toolCall('Write', { file_path: path.join(worktree, 'a.txt'), content: 'a\n' }),
          times: 1,
        },
        {
          when: (r) => r.toolResults.some((t) => t.content.includes('a.txt')),
          reply: toolCall('Write', { file_path: path.join(worktree, 'b.txt'), content: 'b\n' }),
          times: 1,
        },
        { when: (r) => r.toolResults.length > 0, reply: text('Both written.') },
      ]);
      expect((await waitStatus(session.id, 'waiting')).question?.text).toBe('Do you want to create a.txt?');
      await flotilla('choose', session.id, '2');
      await screenShows(session.id, /Both written\./);
      expect(readFileSync(path.join(session.worktreePath, 'b.txt'), 'utf8')).toBe('b\n');
      const answers = (await flotilla('show', session.id)).split('\n').filter((l) => /approved|chose|denied/.test(l));
      // Answered twice (the folder trust, then a.txt with option 2); b.txt was never asked.
      expect(answers).toEqual([
        expect.stringContaining('Yes, I trust this folder'),
        expect.stringMatching(/chose {2}by user: option 2 .* Do you want to create a\.txt\?/),
      ]);
      await waitStatus(session.id, 'idle');
      await killAndCheck(session.id);
    },
  );

  it(
    'auto-yes approves the trust check and a Write by itself, and holds a force push for the user',
    { timeout: 240_000 },
    async () => {
      const [created] = JSON.parse(
        await flotilla(
          'new',
          '--repo',
          temp.repo,
          '--provider',
          'claude',
          '--prompt',
          'write then push',
          '--auto-yes',
          '--json',
        ),
      ) as Session[];
      const id = created!.id;
      seen.add(id);
      // A push that would fail anyway (no remote): harmless if the guard ever let it through.
      model.addRules(
        {
          when: 'write then push',
          reply: toolCall('Write', { file_path: path.join(created!.worktreePath, 'auto.txt'), content: 'auto\n' }),
          times: 1,
        },
        {
          when: (r) => r.toolResults.some((t) => t.content.includes('auto.txt')),
          reply: toolCall('Bash', { command: 'git push --force origin HEAD', description: 'Publish it' }),
          times: 1,
        },
        { when: (r) => r.toolResults.length > 0, reply: text('Pushed or not.') },
      );
      await waitFor(() => existsSync(path.join(created!.worktreePath, 'auto.txt')), {
        timeoutMs: 90_000,
        what: 'auto.txt',
      });
      await screenShows(id, /Do you want to proceed\?/);
      await waitFor(async () => (await flotilla('show', id)).includes('auto-yes-blocked'), {
        timeoutMs: 10_000,
        intervalMs: 300,
        what: 'auto-yes to hold the push',
      });
      const held = await show(id);
      expect(held.status).toBe('waiting');
      expect(held.question?.detail).toContain('git push --force origin HEAD');
      await flotilla('deny', id);
      await waitStatus(id, 'idle');
      const shown = await flotilla('show', id);
      expect(shown.match(/approved {2}by auto-yes/g)).toHaveLength(2);
      await killAndCheck(id);
    },
  );

  it(
    'Read needs no answer; Edit and Bash ask with their real dialogs; approving each does it',
    { timeout: 240_000 },
    async () => {
      const session = await start('tidy the readme', (worktree) => {
        const readme = path.join(worktree, 'README.md');
        return [
          { when: 'tidy the readme', reply: toolCall('Read', { file_path: readme }), times: 1 },
          {
            when: (r) => r.toolResults.some((t) => t.content.includes('temp repo')),
            reply: toolCall('Edit', { file_path: readme, old_string: '# temp repo', new_string: '# tidy repo' }),
            times: 1,
          },
          {
            when: (r) => r.toolResults.some((t) => /updated/i.test(t.content)),
            reply: toolCall('Bash', { command: 'touch bash-ran.txt', description: 'Mark that Bash ran' }),
            times: 1,
          },
          { when: (r) => r.toolResults.length > 0, reply: text('All tidy.') },
        ];
      });
      const readme = path.join(session.worktreePath, 'README.md');
      const edit = await waitStatus(session.id, 'waiting');
      await record(session.id, 'permission-edit');
      expect(edit.question).toMatchObject({ text: 'Do you want to make this edit to README.md?' });
      expect(edit.question?.options[0]).toBe('Yes');
      expect(edit.question?.detail).toBe('Edit file\nREADME.md\n1 -# temp repo\n1 +# tidy repo');
      await flotilla('approve', session.id);
      await waitFor(() => readFileSync(readme, 'utf8') === '# tidy repo\n', { timeoutMs: 30_000, what: 'the edit' });

      await screenShows(session.id, /touch bash-ran\.txt/);
      const bash = await waitStatus(session.id, 'waiting');
      await record(session.id, 'permission-bash');
      expect(bash.question).toMatchObject({ text: 'Do you want to proceed?' });
      expect(bash.question?.detail).toContain('touch bash-ran.txt');
      await flotilla('approve', session.id);
      await waitFor(() => existsSync(path.join(session.worktreePath, 'bash-ran.txt')), {
        timeoutMs: 30_000,
        what: 'bash-ran.txt',
      });
      await screenShows(session.id, /All tidy\./);
      await waitStatus(session.id, 'idle');
      await killAndCheck(session.id);
    },
  );

  it(
    'Esc while the model stalls interrupts it (idle); a slowly streamed reply is running until it ends',
    { timeout: 240_000 },
    async () => {
      const never = stall('never sent');
      const session = await start('think forever', () => [
        { when: 'think forever', reply: never.reply, times: 1 },
        {
          when: 'stream slowly',
          reply: text('one two three four five six seven eight', { chunkDelayMs: 500, chunkSize: 4 }),
        },
      ]);
      await waitStatus(session.id, 'running', 30);
      await screenShows(session.id, /esc to interrupt/);
      await flotilla('send', session.id, '\x1b', '--no-enter');
      // Interrupted before any answer, Claude Code puts the prompt back into its input box to edit.
      await waitStatus(session.id, 'idle');
      const after = await screenShows(session.id, /❯\s+think forever\s*\n─+\s*$/m);
      expect(after).not.toContain('esc to interrupt');
      await record(session.id, 'interrupted-by-esc');

      await say(session.id, 'stream slowly'); // after the restored prompt: "think forever stream slowly"
      // 10 chunks 500 ms apart: the session is running while they arrive.
      // Claude Code shows the text once the reply is complete; while it streams, its spinner and "esc to interrupt".
      const during = await waitStatus(session.id, 'running', 5);
      expect(during.status).toBe('running');
      expect(await flotilla('screen', session.id)).toContain('esc to interrupt');
      expect((await show(session.id)).status).toBe('running');
      await screenShows(session.id, /one two three four five six seven eight/);
      await waitStatus(session.id, 'idle');
      await killAndCheck(session.id);
    },
  );

  it(
    'an overloaded API (529) is retried: running while it retries, then the answer; idle',
    { timeout: 240_000 },
    async () => {
      const session = await start('are you busy', () => [
        { when: 'are you busy', reply: apiError(529, 'overloaded_error', 'Overloaded'), times: 3 },
        { when: 'are you busy', reply: text('Free now.') },
      ]);
      await screenShows(session.id, /Retrying|attempt/i, 30_000);
      expect((await show(session.id)).status).toBe('running');
      await record(session.id, 'busy-retrying-529');
      await screenShows(session.id, /Free now\./, 60_000);
      await waitStatus(session.id, 'idle');
      expect(model.modelRequests().filter((r) => r.toolsOffered && r.lastUserText === 'are you busy')).toHaveLength(4);
      await killAndCheck(session.id);
    },
  );

  it(
    'running while the model stalls; idle once it answers; an API error shows as an error question',
    { timeout: 240_000 },
    async () => {
      const held = stall('Thought it through.');
      const session = await start('think slowly', () => [
        { when: 'think slowly', reply: held.reply, times: 1 },
        { when: 'fail now', reply: apiError(400, 'invalid_request_error', 'scripted failure') },
      ]);
      await waitStatus(session.id, 'running', 30);
      await screenShows(session.id, /esc to interrupt/);
      await record(session.id, 'busy-stalled');
      held.release();
      await screenShows(session.id, /Thought it through\./);
      await waitStatus(session.id, 'idle');

      await say(session.id, 'fail now');
      await screenShows(session.id, /scripted failure/);
      await record(session.id, 'idle-after-api-error-400');
      const failed = await waitStatus(session.id, 'waiting');
      expect(failed.question).toMatchObject({ kind: 'error', text: expect.stringContaining('API Error') });
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
