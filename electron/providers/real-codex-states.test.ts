import { describe, expect, it } from 'vitest';
import { apiError, stall, text } from '../test-support/model-server/model-server.js';
import { codexCli, useRealCodex } from '../test-support/real-codex.js';

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
      await c.flotilla('send', id, 'try again');
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
});

// Never skipped silently: the reason is printed and names the skipped test.
if (!codexCli.bin) {
  console.warn(`real Codex tests skipped: ${codexCli.missing}`);
  describe('real Codex (not installed)', () => {
    it.skip(`skipped: ${codexCli.missing}`, () => {});
  });
}
