import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../shared/agent-events.js';
import { text } from '../test-support/model-server/model-server.js';
import { claudeCli, reportSkippedClaude, useRealClaude, writeRules } from '../test-support/real-claude.js';
import { waitFor } from '../test-support/wait-for.js';

/**
 * Typed session events from the real Claude Code's transcript (issue 13 §3), end to end through a real host
 * and the `flotilla` CLI against the scripted model (test-support/real-claude.ts). Run alone:
 *   npx vitest run electron/providers/real-claude-events.test.ts
 */
const c = useRealClaude();

async function events(id: string): Promise<AgentEvent[]> {
  const out = await c.flotilla('events', id, '--json');
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as AgentEvent);
}

describe.skipIf(!claudeCli.bin)('real Claude Code: typed events from its transcript', () => {
  it(
    'a scripted Write, approved: flotilla events gives the prompt, the Write, its result, the file and the reply, in order',
    { timeout: 240_000 },
    async () => {
      const session = await c.start('create hello.txt', writeRules('create hello.txt', 'hello.txt', 'hello\n'));
      const file = path.join(session.worktreePath, 'hello.txt');
      await c.waitStatus(session.id, 'waiting');
      await c.flotilla('approve', session.id);
      await c.screenShows(session.id, /Done with hello\.txt\./);
      await c.waitStatus(session.id, 'idle');
      const got = await waitFor(
        async () => {
          const list = await events(session.id);
          return list.some((e) => e.kind === 'message.assistant' && e.text === 'Done with hello.txt.') && list;
        },
        { timeoutMs: 15_000, what: 'the closing reply among the events' },
      );
      expect(got.map((e) => e.kind)).toEqual([
        'message.user',
        'tool.invoked',
        'tool.completed',
        'file.created',
        'message.assistant',
      ]);
      expect(got[0]).toMatchObject({ text: 'create hello.txt', source: 'transcript' });
      expect(got[1]).toMatchObject({ tool: 'Write', path: file });
      // From the PreToolUse hook or the transcript's tool_use block, whichever came first: once either way.
      expect(['hook', 'transcript']).toContain(got[1]!.source);
      console.log(`real Claude events: tool.invoked from the ${got[1]!.source}`);
      expect(JSON.parse(got[1]!.input!)).toEqual({ file_path: file, content: 'hello\n' });
      expect(got[2]).toMatchObject({ tool: 'Write', outcome: 'ok', callId: got[1]!.callId });
      expect(got[3]).toMatchObject({ path: file });
      expect(got[4]).toMatchObject({ text: 'Done with hello.txt.' });
      await c.killAndCheck(session.id);
      // Read once: the exit's last read and a later one add nothing.
      expect(await events(session.id)).toEqual(got);

      // Restart resumes the conversation (--resume): the next turn adds its own events, none of the first again.
      c.model.addRules({ when: 'are you there', reply: text('Still here.') });
      await c.flotilla('restart', session.id);
      await c.waitStatus(session.id, 'idle');
      await c.say(session.id, 'are you there');
      await c.screenShows(session.id, /Still here\./);
      const after = await waitFor(
        async () => {
          const list = await events(session.id);
          return list.some((e) => e.text === 'Still here.') && list;
        },
        { timeoutMs: 15_000, what: 'the resumed turn among the events' },
      );
      expect(after.slice(0, 5)).toEqual(got);
      expect(after.slice(5).map((e) => [e.kind, e.text])).toEqual([
        ['message.user', 'are you there'],
        ['message.assistant', 'Still here.'],
      ]);
      await c.killAndCheck(session.id);
    },
  );
});

reportSkippedClaude();
