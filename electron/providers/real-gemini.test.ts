import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { text, toolCall, type Rule } from '../test-support/model-server/model-server.js';
import { sessionProcesses } from '../test-support/process-probe.js';
import { geminiCli, useRealGemini } from '../test-support/real-gemini.js';
import { waitFor } from '../test-support/wait-for.js';

/**
 * The real Gemini CLI in Flotilla sessions against the scripted model over the Gemini API (see
 * test-support/real-gemini.ts): its shell-command confirmation answered by approve and deny, idle, kill.
 * Run alone: npx vitest run electron/providers/real-gemini.test.ts
 */
const g = useRealGemini();
const WRITE = "printf 'approved\\n' > made.txt";

const makeFile: Rule[] = [
  {
    when: 'make the file',
    times: 1,
    reply: toolCall('run_shell_command', { command: WRITE, description: 'Create made.txt' }),
  },
  { when: (r) => r.toolResults.length > 0, reply: text('Wrote made.txt for you.') },
];

if (!geminiCli.bin) console.log(`real Gemini suite skipped: ${geminiCli.missing}`);

describe.skipIf(!geminiCli.bin)('real Gemini CLI against the scripted model', () => {
  it(
    'approve: the command confirmation is a question, the command runs, idle; kill leaves nothing',
    { timeout: 180_000 },
    async () => {
      await g.start(makeFile);
      const { id } = await g.newSession('make the file');
      const toolCallAt = g.server.waitForRequest((r) => r.rule === 0, 60_000).then(() => Date.now());
      const waiting = await g.questionShown(id, /^Allow execution of \[Shell\]\?$/);
      console.log(`real Gemini: tool call sent -> waiting at the client in ${Date.now() - (await toolCallAt)} ms`);
      const screen = await g.flotilla('screen', id);
      g.record('allow-execution', screen);
      expect(waiting.question).toMatchObject({
      options: ['Allow once', 'Allow for this session', 'No, suggest changes (esc)'],
      detail: expect.stringContaining(WRITE),
    });
      const worktree = waiting.worktreePath;
      expect(existsSync(path.join(worktree, 'made.txt'))).toBe(false);
      await g.flotilla('approve', id);
      await waitFor(() => existsSync(path.join(worktree, 'made.txt')), { timeoutMs: 30_000, what: 'made.txt' });
      expect(readFileSync(path.join(worktree, 'made.txt'), 'utf8')).toBe('approved\n');
      await g.screenShows(id, /Wrote made\.txt for you\./);
      await g.flotilla('wait', id, '--status', 'idle', '--timeout', '30');
      g.record('answered', await g.flotilla('screen', id));
      expect(g.server.requests.filter((r) => r.api === 'other')).toEqual([]);

      await g.flotilla('kill', id);
      expect((await g.show(id)).status).toBe('cancelled');
      expect(sessionProcesses([id])).toEqual([]);
      expect(g.agentProcesses()).toEqual([]);
    },
  );
});
