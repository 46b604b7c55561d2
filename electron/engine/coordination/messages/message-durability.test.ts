import { describe, expect, it } from 'vitest';
import type { AgentMessage } from '../../../../shared/coordination.js';
import { useCliHost } from '../../../test-support/cli-fixture.js';
import { flotillaOk, processExited, screenMatching, stopCliHost } from '../../../test-support/cli-host.js';
import { waitFor } from '../../../test-support/wait-for.js';

// Queued messages and watches live in SQLite: a real `flotilla serve` stopped (SIGTERM) and then killed
// (SIGKILL) loses none; once the target is resumed and idle they are delivered, in mode order.

const cli = useCliHost();
const ok = (...args: string[]): Promise<string> => flotillaOk(args, cli.env());

const create = (name: string, provider?: string): Promise<string> => cli.idleSession(name, provider);

const messages = async (id: string): Promise<AgentMessage[]> =>
  JSON.parse(await ok('messages', id, '--json')) as AgentMessage[];

describe('durable messages', () => {
  it(
    'survive a host stop and a host SIGKILL, and are delivered after the target is resumed',
    { timeout: 150_000 },
    async () => {
      const w1 = await create('w1', 'demo');
      const boss = await create('boss', 'shell');
      await ok('pause', w1);
      await ok('send', 'w1', 'one (sequential)');
      await ok('send', 'w1', 'two (important)', '--important');
      await ok('wait', 'w1', '120', '--notify', '--as', boss);

      await stopCliHost(cli.host);
      await cli.startHost();
      expect((await messages(w1)).map((m) => m.state)).toEqual(['queued', 'queued']);
      await ok('send', 'w1', 'three (urgent)', '--urgent');
      cli.host!.kill('SIGKILL');
      await processExited(cli.host!);

      await cli.startHost();
      const kept = await messages(w1);
      expect(kept.map((m) => [m.text, m.state])).toEqual([
        ['one (sequential)', 'queued'],
        ['two (important)', 'queued'],
        ['three (urgent)', 'queued'],
      ]);
      await ok('resume', boss, w1);
      const delivered = await waitFor(
        async () => {
          const now = await messages(w1);
          return now.every((m) => m.state === 'delivered') ? now : undefined;
        },
        { timeoutMs: 40_000, intervalMs: 500, what: 'the three messages delivered' },
      );
      const order = [...delivered].sort((a, b) => a.settledAt!.localeCompare(b.settledAt!)).map((m) => m.text);
      expect(order).toEqual(['three (urgent)', 'two (important)', 'one (sequential)']);
      const screen = await screenMatching(cli.env(), w1, /\[message from user\] one \(sequential\)/);
      expect(screen.indexOf('three (urgent)')).toBeLessThan(screen.indexOf('two (important)'));
      // The watch armed before both restarts told boss that w1 went idle.
      await screenMatching(cli.env(), boss, new RegExp(`\\[message from flotilla\\] w1 \\(${w1}\\) is idle`), 20_000);
      await ok('kill', '--all');
    },
  );
});
