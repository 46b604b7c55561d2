import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { apiError, stall, text, toolCall } from '../test-support/model-server/model-server.js';
import { codexCli, escalatedCommand, useRealCodex } from '../test-support/real-codex.js';

/**
 * The real Codex CLI's states against the scripted model (see test-support/real-codex.ts): busy while
 * the model holds its answer, an API error, provider outages it retries through.
 * Run alone: npx vitest run electron/providers/real-codex-states.test.ts
 */
const c = useRealCodex();

describe.skipIf(!codexCli.bin)('real Codex: its states against the scripted model', () => {
  it(
    'busy (running) while the model holds its answer, also past the quiet period; idle once it comes',
    { timeout: 180_000 },
    async () => {
      const held = stall('Thought it through.');
      await c.start([{ when: 'think slowly', reply: held.reply }]);
      const { id } = await c.newSession('think slowly');
      await c.passFolderTrust(id);
      await c.server.waitForRequest((r) => r.rule === 0);
      c.record('busy-working', await c.screenShows(id, /esc to interrupt/i));
      await c.flotilla('wait', id, '--status', 'running', '--timeout', '30');
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect((await c.show(id)).status).toBe('running');
      held.release();
      await c.screenShows(id, /Thought it through\./);
      await c.flotilla('wait', id, '--status', 'idle', '--timeout', '30');
      c.record('idle', await c.flotilla('screen', id));
      await c.flotilla('kill', id);
    },
  );

  it(
    'an API error: the session waits on it as an error (answers refused); sending again goes on',
    { timeout: 180_000 },
    async () => {
      await c.start([
        {
          when: 'fail please',
          times: 1,
          reply: apiError(400, 'invalid_request_error', 'Scripted failure: bad request'),
        },
        { when: 'try again', reply: text('Worked this time.') },
      ]);
      const { id } = await c.newSession('fail please');
      await c.passFolderTrust(id);
      const failed = await c.questionShown(id, /Scripted failure/);
      expect(failed.question).toMatchObject({ text: 'Scripted failure: bad request', kind: 'error', options: [] });
      c.record('api-error', await c.flotilla('screen', id));
      await expect(c.flotilla('approve', id)).rejects.toThrow(/stopped on an error, not a question: Scripted failure/);
      await c.flotilla('send', id, 'try again', '--raw');
      await c.screenShows(id, /Worked this time\./);
      await c.flotilla('wait', id, '--status', 'idle', '--timeout', '30');
      expect((await c.show(id)).question).toBeNull();
      await c.flotilla('kill', id);
    },
  );

  it(
    'two 500s from the provider: Codex retries by itself, answers, idle; no error shown',
    { timeout: 180_000 },
    async () => {
      await c.start([
        { when: 'flaky', times: 2, reply: apiError(500, 'server_error', 'Scripted outage') },
        { when: 'flaky', reply: text('Answered after retrying.') },
      ]);
      const { id } = await c.newSession('flaky');
      await c.passFolderTrust(id);
      await c.screenShows(id, /Answered after retrying\./);
      await c.flotilla('wait', id, '--status', 'idle', '--timeout', '30');
      expect((await c.show(id)).question).toBeNull();
      expect(c.server.modelRequests('responses').filter((r) => r.toolsOffered)).toHaveLength(3);
      await c.flotilla('kill', id);
    },
  );

  it(
    'a long scripted run: 6 rounds of command, approval, answer; every status change as expected, none stuck',
    { timeout: 300_000 },
    async () => {
      const ROUNDS = 6;
      await c.start([
        {
          when: /^round \d+$/,
          reply: (r) =>
            escalatedCommand(
              `printf done > ${r.lastUserText.replace(' ', '-')}.txt`,
              `Write the file of ${r.lastUserText}?`,
            ),
        },
        { when: (r) => r.toolResults.length > 0, reply: text('Round written.') },
      ]);
      const session = await c.newSession('round 1');
      const id = session.id;
      await c.passFolderTrust(id);
      const latencies: number[] = [];
      for (let round = 1; round <= ROUNDS; round++) {
        if (round > 1) await c.flotilla('send', id, `round ${round}`, '--raw');
        const asked = Date.now();
        await c.questionShown(id, /run the following command/, 60_000);
        latencies.push(Date.now() - asked);
        await c.flotilla('approve', id);
        await c.flotilla('wait', id, '--status', 'idle', '--timeout', '60');
        expect(existsSync(path.join(session.worktreePath, `round-${round}.txt`)), `round ${round}`).toBe(true);
      }
      const changes = (await c.show(id)).events
        .filter((e) => e.kind === 'status')
        .map((e) => `${(e as { fromStatus?: string }).fromStatus}>${(e as { toStatus?: string }).toStatus}`);
      // Start: creating>running, the trust menu (running>waiting>running); then per round running>waiting
      // (the command), waiting>running (approved), running>idle, and idle>running for the next prompt.
      const round = ['running>waiting', 'waiting>running', 'running>idle'];
      const expected = ['creating>running', 'running>waiting', 'waiting>running'];
      for (let k = 1; k <= ROUNDS; k++) expected.push(...(k > 1 ? ['idle>running'] : []), ...round);
      const wrong = changes.length - expected.length;
      console.log(
        `real Codex, ${ROUNDS} rounds: ${changes.length} status changes (${wrong} beyond the expected ${expected.length}); ` +
          `prompt sent -> waiting at the client: ${latencies.join(', ')} ms`,
      );
      expect(changes).toEqual(expected);
      await c.flotilla('kill', id);
    },
  );

  it(
    'a plan question (Plan mode, request_user_input): read with its labels; choose 2 gives the model that answer',
    { timeout: 180_000 },
    async () => {
      await c.start([
        {
          when: 'ask me',
          times: 1,
          reply: toolCall('request_user_input', {
            questions: [
              {
                id: 'db',
                header: 'Database',
                question: 'Which database should the app use?',
                options: [
                  { label: 'SQLite (Recommended)', description: 'One file, no server.' },
                  { label: 'Postgres', description: 'A server to run.' },
                ],
              },
            ],
          }),
        },
        { when: (r) => r.toolResults.length > 0, reply: text('Postgres it is.') },
      ]);
      const { id } = await c.newSession('hello');
      await c.passFolderTrust(id);
      await c.flotilla('wait', id, '--status', 'idle', '--timeout', '30');
      // Shift+Tab: Codex's Plan mode, where the model may ask.
      await c.flotilla('send', id, '\x1b[Z', '--no-enter');
      await c.screenShows(id, /Plan mode/);
      await c.flotilla('send', id, 'ask me', '--raw');
      const waiting = await c.questionShown(id, /Which database/);
      expect(waiting.question).toMatchObject({ options: ['SQLite (Recommended)', 'Postgres', 'None of the above'] });
      c.record('plan-question', await c.flotilla('screen', id));
      await c.flotilla('choose', id, '2');
      const answer = await c.server.waitForRequest((r) => r.toolResults.length > 0, 30_000);
      expect(answer.toolResults[0]!.content).toContain('Postgres');
      await c.screenShows(id, /Postgres it is\./);
      await c.flotilla('wait', id, '--status', 'idle', '--timeout', '30');
      await c.flotilla('kill', id);
    },
  );
});

// Never skipped silently: the reason is printed and names the skipped test.
if (!codexCli.bin) {
  console.warn(`real Codex tests skipped: ${codexCli.missing}`);
  describe('real Codex (not installed)', () => {
    it.skip(`skipped: ${codexCli.missing}`, () => {});
  });
}
