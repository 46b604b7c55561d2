import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { text, toolCall, type Rule } from '../test-support/model-server/model-server.js';
import { sessionProcesses } from '../test-support/process-probe.js';
import { opencodeCli, useRealOpencode } from '../test-support/real-opencode.js';
import { waitFor } from '../test-support/wait-for.js';

/**
 * The real opencode in Flotilla sessions against the scripted model over Chat Completions (see
 * test-support/real-opencode.ts): its permission panel answered by approve and deny, idle, kill.
 * Run alone: npx vitest run electron/providers/real-opencode.test.ts
 */
const o = useRealOpencode();
const WRITE = "printf 'approved\\n' > made.txt";

const makeFile: Rule[] = [
  { when: 'make the file', times: 1, reply: toolCall('bash', { command: WRITE, description: 'Create made.txt' }) },
  { when: (r) => r.toolResults.length > 0, reply: text('Wrote made.txt for you.') },
];

if (!opencodeCli.bin) console.log(`real opencode suite skipped: ${opencodeCli.missing}`);

describe.skipIf(!opencodeCli.bin)('real opencode against the scripted model', () => {
  it(
    'approve: the permission panel is a question, the command runs, idle; kill leaves nothing',
    { timeout: 180_000 },
    async () => {
      await o.start(makeFile);
      const { id } = await o.newSession('make the file');
      const toolCallAt = o.server.waitForRequest((r) => r.rule === 0, 60_000).then(() => Date.now());
      const waiting = await o.questionShown(id, /Permission required/);
      console.log(`real opencode: tool call sent -> waiting at the client in ${Date.now() - (await toolCallAt)} ms`);
      const screen = await o.flotilla('screen', id);
      o.record('permission', screen);
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
      await o.screenShows(id, /Wrote made\.txt for you\./);
      await o.flotilla('wait', id, '--status', 'idle', '--timeout', '30');
      o.record('permission-answered', await o.flotilla('screen', id));

      await o.flotilla('kill', id);
      expect((await o.show(id)).status).toBe('cancelled');
      expect(sessionProcesses([id])).toEqual([]);
      expect(o.agentProcesses()).toEqual([]);
    },
  );
});
