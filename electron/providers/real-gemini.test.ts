import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { longRun, expectedChanges, median } from '../test-support/long-run.js';
import { stall, text, toolCall, type Rule } from '../test-support/model-server/model-server.js';
import { isStoppedOrFrozen, sessionProcesses } from '../test-support/process-probe.js';
import { geminiCli, useRealGemini } from '../test-support/real-gemini.js';
import { waitFor } from '../test-support/wait-for.js';

/**
 * The real Gemini CLI in Flotilla sessions against the scripted model over the Gemini API (see
 * test-support/real-gemini.ts): start, busy, its shell-command confirmation answered by approve and deny,
 * idle, pause, kill; a long run timing each dialog. FLOTILLA_RECORD_SCREENS=1 re-records fixtures/gemini/.
 * Run alone: npx vitest run electron/providers/real-gemini.test.ts
 */
const g = useRealGemini();
const WRITE = "printf 'approved\\n' > made.txt";
const QUESTION = /^Allow execution of \[Shell\]\?$/;

const shell = (command: string) => toolCall('run_shell_command', { command, description: 'Write a file' });
const makeFile: Rule[] = [
  { when: 'make the file', times: 1, reply: shell(WRITE) },
  { when: (r) => r.toolResults.length > 0, reply: text('Wrote made.txt for you.') },
];

if (!geminiCli.bin) console.log(`real Gemini suite skipped: ${geminiCli.missing}`);

describe.skipIf(!geminiCli.bin)('real Gemini CLI against the scripted model', () => {
  it(
    'approve: the command confirmation is a question, the command runs, idle; pause stops it; kill leaves nothing',
    { timeout: 180_000 },
    async () => {
      await g.start(makeFile);
      const { id } = await g.newSession('make the file');
      const waiting = await g.questionShown(id, QUESTION);
      g.record('allow-execution', await g.flotilla('screen', id));
      expect(waiting.question).toEqual({
        text: 'Allow execution of [Shell]?',
        options: ['Allow once', 'Allow for this session', 'No, suggest changes (esc)'],
        detail: expect.stringContaining(WRITE),
      });
      const worktree = waiting.worktreePath;
      expect(existsSync(path.join(worktree, 'made.txt'))).toBe(false);
      await g.flotilla('approve', id);
      await waitFor(() => existsSync(path.join(worktree, 'made.txt')), { timeoutMs: 30_000, what: 'made.txt' });
      expect(readFileSync(path.join(worktree, 'made.txt'), 'utf8')).toBe('approved\n');
      const result = await g.server.waitForRequest((r) => r.toolResults.length > 0, 10_000);
      expect(result.toolResults[0]!.toolUseId).toBe(
        `toolu_scripted_${g.server.modelRequests().find((r) => r.rule === 0)!.seq}`,
      );
      await g.screenShows(id, /Wrote made\.txt for you\./);
      await g.flotilla('wait', id, '--status', 'idle', '--timeout', '30');
      g.record('answered', await g.flotilla('screen', id));
      expect(g.server.requests.filter((r) => r.api === 'other')).toEqual([]);

      await g.flotilla('pause', id);
      const paused = sessionProcesses([id]);
      expect(paused.length).toBeGreaterThan(0);
      expect(paused.filter((p) => !isStoppedOrFrozen(p.pid))).toEqual([]);
      await g.flotilla('resume', id);
      await waitFor(() => sessionProcesses([id]).every((p) => !isStoppedOrFrozen(p.pid)), { what: 'agents to run' });

      await g.flotilla('kill', id);
      expect((await g.show(id)).status).toBe('cancelled');
      expect(sessionProcesses([id])).toEqual([]);
      expect(g.agentProcesses()).toEqual([]);
    },
  );

  it('deny: Esc declines the command, nothing is written, idle', { timeout: 180_000 }, async () => {
    await g.start(makeFile);
    const { id } = await g.newSession('make the file');
    const waiting = await g.questionShown(id, QUESTION);
    await g.flotilla('deny', id);
    await g.flotilla('wait', id, '--status', 'idle', '--timeout', '30');
    g.record('denied', await g.flotilla('screen', id));
    expect(existsSync(path.join(waiting.worktreePath, 'made.txt'))).toBe(false);
    expect((await g.show(id)).question).toBeNull();
    await g.flotilla('kill', id);
    expect(g.agentProcesses()).toEqual([]);
  });

  it(
    'busy (running) while the model holds its answer, past the quiet period; idle once it comes',
    { timeout: 180_000 },
    async () => {
      const held = stall('Thought it through.');
      await g.start([{ when: 'think slowly', reply: held.reply }]);
      const { id } = await g.newSession('think slowly');
      await g.server.waitForRequest((r) => r.rule === 0, 60_000);
      g.record('busy-thinking', await g.screenShows(id, /esc to cancel/i));
      await g.flotilla('wait', id, '--status', 'running', '--timeout', '30');
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect((await g.show(id)).status).toBe('running');
      held.release();
      await g.screenShows(id, /Thought it through\./);
      await g.flotilla('wait', id, '--status', 'idle', '--timeout', '30');
      await g.flotilla('kill', id);
    },
  );

  it(
    'a long scripted run: 6 rounds of command, confirmation, answer; every status change as expected',
    { timeout: 420_000 },
    async () => {
      const ROUNDS = 6;
      await g.start([
        { when: /^round \d+$/, reply: (r) => shell(`printf done > ${r.lastUserText.replace(' ', '-')}.txt`) },
        { when: (r) => r.toolResults.length > 0, reply: text('Round written.') },
      ]);
      const run = await longRun(g, ROUNDS, QUESTION, (r) => r.rule === 0);
      console.log(
        `real Gemini, ${ROUNDS} rounds: ${run.changes.length} status changes (${run.extra} beyond the expected); ` +
          `tool call -> waiting at the client: ${run.latencies.join(', ')} ms, median ${median(run.latencies)} ms`,
      );
      expect(run.changes).toEqual(expectedChanges(ROUNDS));
    },
  );
});
