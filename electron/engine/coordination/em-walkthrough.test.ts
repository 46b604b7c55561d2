import { describe, expect, it } from 'vitest';
import type { AgentMessage } from '../../../shared/coordination.js';
import type { Session } from '../../../shared/session.js';
import { useCliHost } from '../../test-support/cli-fixture.js';
import { flotillaOk, screenMatching } from '../../test-support/cli-host.js';
import { waitFor } from '../../test-support/wait-for.js';

// The "engineering manager" walkthrough of issue 14 with shell sessions behind a real `flotilla serve`:
// an orchestrator spawns two workers with --wait from its own terminal, each worker reports back with
// `flotilla send "$FLOTILLA_PARENT_ID" …` (its credential and `flotilla` come with its environment), and the
// orchestrator gets both reports typed into its prompt. The orchestrator never polls: it runs two commands
// and sits idle; only the test looks at the host.

const cli = useCliHost();
const ok = (...args: string[]): Promise<string> => flotillaOk(args, cli.env());

const worker = (name: string) =>
  `flotilla spawn 'flotilla send "$FLOTILLA_PARENT_ID" "done: ${name}"' --name ${name} --provider shell --wait 60`;

describe('EM walkthrough', () => {
  it(
    'an orchestrator spawns two workers with --wait, each reports back, both reports reach its prompt',
    { timeout: 150_000 },
    async () => {
      const [em] = JSON.parse(
        await ok('new', '--repo', cli.temp.repo, '--provider', 'shell', '--name', 'em', '--json'),
      ) as Session[];
      cli.seen.add(em!.id);
      await ok('wait', em!.id, '--status', 'idle', '--timeout', '20');
      // Typed into the orchestrator's terminal, as a person or its model would.
      await ok('send', em!.id, `${worker('w1')}; ${worker('w2')}`, '--raw');

      const delivered = await waitFor(
        async () => {
          const list = JSON.parse(await ok('messages', em!.id, '--json')) as AgentMessage[];
          const reports = list.filter((m) => m.targetId === em!.id && m.text.startsWith('done: '));
          return reports.length === 2 && reports.every((m) => m.state === 'delivered') ? list : undefined;
        },
        { timeoutMs: 90_000, intervalMs: 1000, what: 'both reports delivered to the orchestrator' },
      );
      const { sessions } = { sessions: JSON.parse(await ok('ls', '--json')) as Session[] };
      const w1 = sessions.find((s) => s.name === 'w1')!;
      const w2 = sessions.find((s) => s.name === 'w2')!;
      for (const s of [w1, w2]) cli.seen.add(s.id);
      expect([w1.parentId, w2.parentId]).toEqual([em!.id, em!.id]);
      const reports = delivered.filter((m) => m.text.startsWith('done: '));
      expect(reports.map((m) => [m.senderId, m.senderName, m.text]).sort()).toEqual(
        [
          [w1.id, 'w1', 'done: w1'],
          [w2.id, 'w2', 'done: w2'],
        ].sort(),
      );
      await screenMatching(cli.env(), em!.id, new RegExp(`\\[message from w1 \\(${w1.id}\\)\\] done: w1`));
      await screenMatching(cli.env(), em!.id, new RegExp(`\\[message from w2 \\(${w2.id}\\)\\] done: w2`));
      // --wait: Flotilla told the orchestrator about each worker too (idle, once each).
      const notices = delivered.filter((m) => m.senderName === 'flotilla').map((m) => m.text);
      expect(notices.sort()).toEqual([`w1 (${w1.id}) is idle`, `w2 (${w2.id}) is idle`]);
      await ok('kill', '--all');
    },
  );
});
