import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedChanges, longRun, median } from '../test-support/long-run.js';
import { stall, text, toolCall, type Rule } from '../test-support/model-server/model-server.js';
import { isStoppedOrFrozen, sessionProcesses } from '../test-support/process-probe.js';
import { opencodeCli, useRealOpencode } from '../test-support/real-opencode.js';
import { waitFor } from '../test-support/wait-for.js';

/**
 * The real opencode in Flotilla sessions against the scripted model over Chat Completions (see
 * test-support/real-opencode.ts): start, busy, its permission panel answered by approve and deny, idle,
 * pause, kill; a long run timing each panel. FLOTILLA_RECORD_SCREENS=1 re-records fixtures/opencode/.
 * Run alone: npx vitest run electron/providers/real-opencode.test.ts
 */
const o = useRealOpencode();
const WRITE = "printf 'approved\\n' > made.txt";
const QUESTION = /^Permission required$/;

const bash = (command: string) => toolCall('bash', { command, description: 'Write a file' });
const makeFile: Rule[] = [
  { when: 'make the file', times: 1, reply: bash(WRITE) },
  { when: (r) => r.toolResults.length > 0, reply: text('Wrote made.txt for you.') },
];

if (!opencodeCli.bin) console.log(`real opencode suite skipped: ${opencodeCli.missing}`);

describe.skipIf(!opencodeCli.bin)('real opencode against the scripted model', () => {
  it(
    'approve: the permission panel is a question, the command runs, idle; pause stops it; kill leaves nothing',
    { timeout: 180_000 },
    async () => {
      await o.start(makeFile);
      const { id } = await o.newSession('make the file');
      const waiting = await o.questionShown(id, QUESTION);
      o.record('permission', await o.flotilla('screen', id));
      expect(waiting.question).toEqual({
        text: 'Permission required',
        options: ['Allow once', 'Allow always', 'Reject'],
        detail: `# Shell command\n$ ${WRITE}`,
      });
      const worktree = waiting.worktreePath;
      expect(existsSync(path.join(worktree, 'made.txt'))).toBe(false);
      await o.flotilla('approve', id);
      await waitFor(() => existsSync(path.join(worktree, 'made.txt')), { timeoutMs: 30_000, what: 'made.txt' });
      expect(readFileSync(path.join(worktree, 'made.txt'), 'utf8')).toBe('approved\n');
      const call = o.server.modelRequests().find((r) => r.rule === 0)!;
      const result = await o.server.waitForRequest((r) => r.toolResults.length > 0, 10_000);
      expect(result.toolResults[0]!.toolUseId).toBe(`toolu_scripted_${call.seq}`);
      await o.screenShows(id, /Wrote made\.txt for you\./);
      await o.flotilla('wait', id, '--status', 'idle', '--timeout', '30');
      o.record('permission-answered', await o.flotilla('screen', id));
      expect(o.server.requests.filter((r) => r.api === 'other')).toEqual([]);

      await o.flotilla('pause', id);
      const paused = sessionProcesses([id]);
      expect(paused.length).toBeGreaterThan(0);
      expect(paused.filter((p) => !isStoppedOrFrozen(p.pid))).toEqual([]);
      await o.flotilla('resume', id);
      await waitFor(() => sessionProcesses([id]).every((p) => !isStoppedOrFrozen(p.pid)), { what: 'agents to run' });

      await o.flotilla('kill', id);
      expect((await o.show(id)).status).toBe('cancelled');
      expect(sessionProcesses([id])).toEqual([]);
      expect(o.agentProcesses()).toEqual([]);
    },
  );

  it('deny: Esc rejects the command, nothing is written, idle', { timeout: 180_000 }, async () => {
    await o.start(makeFile);
    const { id } = await o.newSession('make the file');
    const waiting = await o.questionShown(id, QUESTION);
    await o.flotilla('deny', id);
    await o.flotilla('wait', id, '--status', 'idle', '--timeout', '30');
    o.record('permission-denied', await o.flotilla('screen', id));
    expect(existsSync(path.join(waiting.worktreePath, 'made.txt'))).toBe(false);
    expect((await o.show(id)).question).toBeNull();
    await o.flotilla('kill', id);
    expect(o.agentProcesses()).toEqual([]);
  });

  it(
    'busy (running) while the model holds its answer, past the quiet period; idle once it comes',
    { timeout: 180_000 },
    async () => {
      const held = stall('Thought it through.');
      await o.start([{ when: 'think slowly', reply: held.reply }]);
      const { id } = await o.newSession('think slowly');
      await o.server.waitForRequest((r) => r.rule === 0, 60_000);
      o.record('busy', await o.screenShows(id, /esc interrupt/i));
      await o.flotilla('wait', id, '--status', 'running', '--timeout', '30');
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect((await o.show(id)).status).toBe('running');
      held.release();
      await o.screenShows(id, /Thought it through\./);
      await o.flotilla('wait', id, '--status', 'idle', '--timeout', '30');
      await o.flotilla('kill', id);
    },
  );

  it(
    'a long scripted run: 6 rounds of command, permission, answer; every status change as expected',
    { timeout: 420_000 },
    async () => {
      const ROUNDS = 6;
      await o.start([
        {
          when: /round \d+/,
          reply: (r) => bash(`printf done > round-${/round (\d+)/.exec(r.lastUserText)![1]}.txt`),
        },
        { when: (r) => r.toolResults.length > 0, reply: text('Round written.') },
      ]);
      const run = await longRun(o, ROUNDS, QUESTION, (r) => r.rule === 0);
      console.log(
        `real opencode, ${ROUNDS} rounds: ${run.changes.length} status changes (${run.extra} beyond the expected); ` +
          `tool call -> waiting at the client: ${run.latencies.join(', ')} ms, median ${median(run.latencies)} ms`,
      );
      expect(run.changes).toEqual(expectedChanges(ROUNDS));
    },
  );
});
