import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../shared/agent-events.js';
import { startCliHost, stopCliHost } from '../test-support/cli-host.js';
import { text } from '../test-support/model-server/model-server.js';
import { codexCli, escalatedCommand, useRealCodex } from '../test-support/real-codex.js';
import { waitFor } from '../test-support/wait-for.js';

/**
 * Typed session events from the real Codex's rollout file (issue 13 §3): Flotilla gives Codex no
 * conversation id, so the file is found by the worktree in its session_meta. Run alone:
 *   npx vitest run electron/providers/real-codex-events.test.ts
 */
const c = useRealCodex();
const WRITE = "printf 'approved\\n' > made.txt";

async function events(id: string): Promise<AgentEvent[]> {
  return (await c.flotilla('events', id, '--json'))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as AgentEvent);
}

describe.skipIf(!codexCli.bin)('real Codex: typed events from its rollout file', () => {
  it('an approved command: the prompt, the call, its exit and the reply, in order', { timeout: 240_000 }, async () => {
    await c.start([
      { when: 'make the file', times: 1, reply: escalatedCommand(WRITE, 'Create made.txt?') },
      { when: (r) => r.toolResults.length > 0 && !r.lastUserText, reply: text('Wrote made.txt for you.') },
      { when: 'what did I ask', reply: text('You asked me to make the file.') },
    ]);
    const { id } = await c.newSession('make the file');
    await c.passFolderTrust(id);
    await c.questionShown(id, /run the following command/);
    await c.flotilla('approve', id);
    await c.screenShows(id, /Wrote made\.txt for you\./);
    await c.flotilla('wait', id, '--status', 'idle', '--timeout', '30');
    const all = await waitFor(
      async () => {
        const list = await events(id);
        const made = list.some((e) => e.kind === 'file.created' && e.path?.endsWith('/made.txt'));
        return made && list.some((e) => e.kind === 'message.assistant') && list;
      },
      { timeoutMs: 15_000, what: 'the reply and the file among the events' },
    );
    // The file the command made is seen in the worktree (the rollout does not name it): once, by the watcher.
    expect(all.filter((e) => e.kind.startsWith('file.')).map((e) => [e.kind, e.source])).toEqual([
      ['file.created', 'watcher'],
    ]);
    const got = all.filter((e) => e.source !== 'watcher');
    expect(got.map((e) => e.kind)).toEqual(['message.user', 'tool.invoked', 'tool.completed', 'message.assistant']);
    expect(got[0]).toMatchObject({ text: 'make the file' });
    expect(got[1]).toMatchObject({ tool: 'exec_command' });
    expect(JSON.parse(got[1]!.input!)).toMatchObject({ cmd: WRITE });
    expect(got[2]).toMatchObject({ tool: 'exec_command', outcome: 'ok', callId: got[1]!.callId });
    expect(got[3]).toMatchObject({ text: 'Wrote made.txt for you.' });

    // Host restart and resume (`codex resume --last`): the next turn adds its own events, none twice.
    await stopCliHost(c.host);
    c.host = await startCliHost(c.env());
    await c.flotilla('resume', id);
    await c.flotilla('wait', id, '--status', 'idle', '--timeout', '60');
    await c.flotilla('send', id, 'what did I ask before?', '--raw');
    await c.screenShows(id, /You asked me to make the file\./);
    const after = await waitFor(
      async () => {
        const list = await events(id);
        return list.some((e) => e.text === 'You asked me to make the file.') && list;
      },
      { timeoutMs: 15_000, what: 'the resumed turn among the events' },
    );
    const conversation = after.filter((e) => e.source !== 'watcher');
    expect(conversation.slice(0, 4)).toEqual(got);
    expect(conversation.slice(4).map((e) => [e.kind, e.text])).toEqual([
      ['message.user', 'what did I ask before?'],
      ['message.assistant', 'You asked me to make the file.'],
    ]);
    await c.flotilla('kill', id);
  });
});

if (!codexCli.bin) console.warn(`real Codex events test skipped: ${codexCli.missing}`);
