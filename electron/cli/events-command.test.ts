import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../shared/agent-events.js';
import type { Session } from '../../shared/session.js';
import { useCliHost } from '../test-support/cli-fixture.js';
import { flotillaOk } from '../test-support/cli-host.js';
import { FLOTILLA_BIN } from '../test-support/serve-process.js';
import { waitFor } from '../test-support/wait-for.js';

// `flotilla events` through the real CLI (dist/) against a real host running the demo agent, which writes
// its conversation as Claude Code does.

const cli = useCliHost();
const ok = (...args: string[]): Promise<string> => flotillaOk(args, cli.env());

async function create(prompt: string): Promise<Session> {
  const [session] = JSON.parse(await ok('new', '--repo', cli.temp.repo, '--prompt', prompt, '--json')) as Session[];
  cli.seen.add(session!.id);
  return session!;
}

const parseLines = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as AgentEvent);

describe('flotilla events', () => {
  it(
    '--json prints JSONL in order; without it, one line per event with time, kind and summary',
    { timeout: 60_000 },
    async () => {
      const session = await create('add notes');
      await ok('wait', session.id, '--status', 'waiting', '--timeout', '15');
      await ok('approve', session.id);
      await ok('wait', session.id, '--status', 'idle', '--timeout', '15');
      const file = path.join(session.worktreePath, 'add-notes.txt');
      const events = await waitFor(async () => {
        const list = parseLines(await ok('events', session.id, '--json'));
        return list.length >= 6 && list;
      });
      expect(events.map((e) => e.kind)).toEqual([
        'message.user',
        'message.assistant',
        'tool.invoked',
        'tool.completed',
        'file.created',
        'message.assistant',
      ]);
      expect(events[2]).toMatchObject({ tool: 'Write', path: file });
      expect(events[3]).toMatchObject({ tool: 'Write', outcome: 'ok' });
      const human = (await ok('events', session.id)).split('\n');
      expect(human[0]).toMatch(/^\d\d:\d\d:\d\d {2}message\.user +add notes$/);
      expect(human[2]).toContain(`tool.invoked       Write ${file}`);
      expect(human[4]).toContain(`file.created       ${file}`);
      await ok('kill', session.id);
    },
  );

  it('--follow prints new events as they come and ends when the session ends', { timeout: 60_000 }, async () => {
    const session = await create('first');
    await ok('wait', session.id, '--status', 'waiting', '--timeout', '15');
    const child = spawn(process.execPath, [FLOTILLA_BIN, 'events', session.id, '--follow', '--json'], {
      env: cli.env(),
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      await waitFor(() => parseLines(out).length >= 3, { what: 'the events so far' });
      await ok('deny', session.id);
      await ok('wait', session.id, '--status', 'idle', '--timeout', '15');
      await ok('send', session.id, 'second', '--raw');
      await waitFor(() => parseLines(out).some((e) => e.kind === 'message.user' && e.text === 'second'), {
        what: 'the second prompt to be followed',
      });
      await ok('kill', session.id);
      expect(await exited).toBe(0);
      const kinds = parseLines(out).map((e) => e.kind);
      expect(kinds.slice(0, 5)).toEqual([
        'message.user',
        'message.assistant',
        'tool.invoked',
        'tool.completed',
        'message.user',
      ]);
      const seqs = parseLines(out).map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(seqs.length);
    } finally {
      child.kill();
    }
  });

  it('an unknown session is an error', async () => {
    await expect(ok('events', 'nope')).rejects.toThrow(/nope/);
  });
});
