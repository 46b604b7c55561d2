import { describe, expect, it } from 'vitest';
import type { AgentMessage } from '../../shared/coordination.js';
import { useCliHost } from '../test-support/cli-fixture.js';
import { flotillaOk, runFlotilla, screenMatching, type CliRun } from '../test-support/cli-host.js';
import { waitFor } from '../test-support/wait-for.js';

// `flotilla send` (messages by mode, --raw keys), `flotilla wait --notify` and `flotilla messages`
// through the real CLI and a real `flotilla serve`, on demo and shell sessions.

const cli = useCliHost();
const flotilla = (...args: string[]): Promise<CliRun> => runFlotilla(args, cli.env());
const ok = (...args: string[]): Promise<string> => flotillaOk(args, cli.env());

const create = (name: string, provider?: string): Promise<string> => cli.idleSession(name, provider);

async function messages(id: string): Promise<AgentMessage[]> {
  return JSON.parse(await ok('messages', id, '--json')) as AgentMessage[];
}

describe('flotilla send / wait --notify / messages', () => {
  it(
    'send: delivered to an idle session, queued for a paused one (then delivered on resume), failed for an ended one',
    { timeout: 90_000 },
    async () => {
      const w1 = await create('w1');
      expect(await ok('send', 'w1', 'hello', 'there')).toBe('delivered message 1 to w1\n');
      await screenMatching(cli.env(), w1, /\[message from user\] hello there/);

      await ok('pause', w1);
      expect(await ok('send', 'w1', 'look at this', '--important')).toBe('queued message 2 (important) for w1\n');
      expect(await ok('send', 'w1', 'and this')).toBe('queued message 3 for w1\n');
      await ok('resume', w1);
      await waitFor(async () => (await messages(w1)).every((m) => m.state === 'delivered'), {
        timeoutMs: 20_000,
        what: 'both queued messages delivered',
      });
      const delivered = await messages(w1);
      expect(delivered.map((m) => [m.text, m.mode])).toEqual([
        ['hello there', 'sequential'],
        ['look at this', 'important'],
        ['and this', 'sequential'],
      ]);
      expect(delivered[1]!.settledAt! < delivered[2]!.settledAt!).toBe(true);

      const table = await ok('messages', w1);
      expect(table).toMatch(/^TIME\s+WHO\s+MODE\s+STATE\s+TEXT$/m);
      expect(table).toMatch(/from user\s+important\s+delivered\s+look at this/);

      expect((await flotilla('send', 'w1', 'x', '--important', '--urgent')).code).toBe(2);
      await ok('kill', w1);
      const late = await flotilla('send', 'w1', 'anyone?', '--urgent');
      expect(late.code).toBe(1);
      expect(late.stderr).toContain('message 4 failed: w1 has ended (cancelled); nothing will read this');
      expect(await ok('messages', w1)).toMatch(/from user\s+urgent\s+failed: w1 has ended \(cancelled\)/);
      const missing = await flotilla('send', 'nobody', 'hi');
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('NOT_FOUND');
    },
  );

  it('send --raw (and --no-enter) types straight into the terminal, as before', { timeout: 60_000 }, async () => {
    const sh = await create('sh', 'shell');
    await ok('send', 'sh', 'echo', 'RAW$((40+2))', '--raw');
    await screenMatching(cli.env(), sh, /^RAW42$/m);
    await ok('send', 'sh', 'echo NOENTER', '--no-enter');
    await screenMatching(cli.env(), sh, /# echo NOENTER$/m);
    expect(await messages(sh)).toEqual([]);
  });

  it(
    'wait --notify returns at once and the watcher is sent a message when the target goes idle',
    { timeout: 60_000 },
    async () => {
      const boss = await create('boss', 'shell');
      const w1 = await create('w1');
      await ok('pause', w1);
      const started = Date.now();
      const said = await ok('wait', 'w1', '30', '--notify', '--as', boss);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(said).toBe(
        'boss will get a message when w1 goes idle, waits for an answer, completes, fails or is removed, or in 30 s\n',
      );
      expect(await messages(boss)).toEqual([]);
      await ok('resume', w1);
      await screenMatching(cli.env(), boss, new RegExp(`\\[message from flotilla\\] w1 \\(${w1}\\) is idle`), 20_000);
      const [notice] = await messages(boss);
      expect(notice).toMatchObject({ senderName: 'flotilla', mode: 'important', state: 'delivered' });
      expect(await ok('messages', '--as', boss)).toMatch(/from flotilla\s+important\s+delivered\s+w1 \(\w+\) is idle/);
      // Outside a session, without --as: a usage error that says what to do.
      const { FLOTILLA_SESSION_ID: _id, ...env } = cli.env();
      const outside = await runFlotilla(['wait', 'w1', '--notify'], env);
      expect(outside.code).toBe(2);
      expect(outside.stderr).toContain('run it inside a Flotilla session, or name the session with --as ID');
      // Without --notify: the old blocking wait.
      expect(await ok('wait', 'w1', '--status', 'idle', '--timeout', '10')).toBe(`${w1} is idle\n`);
    },
  );
});
