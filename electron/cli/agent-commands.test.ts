import { describe, expect, it } from 'vitest';
import type { Session, SessionEvent } from '../../shared/session.js';
import { useCliHost } from '../test-support/cli-fixture.js';
import { flotillaOk, runFlotilla, type CliRun } from '../test-support/cli-host.js';
import { waitFor } from '../test-support/wait-for.js';

// approve / deny / choose through the real CLI against a real host, on the demo agent.

const cli = useCliHost();
const flotilla = (...args: string[]): Promise<CliRun> => runFlotilla(args, cli.env());
const ok = (...args: string[]): Promise<string> => flotillaOk(args, cli.env());

async function create(prompt: string): Promise<string> {
  const [session] = JSON.parse(await ok('new', '--repo', cli.temp.repo, '--prompt', prompt, '--json')) as Session[];
  cli.seen.add(session!.id);
  return session!.id;
}

async function events(id: string): Promise<SessionEvent[]> {
  return (JSON.parse(await ok('show', id, '--json')) as { events: SessionEvent[] }).events;
}

describe('flotilla approve / deny / choose', () => {
  it(
    'answers the demo agent three ways, each recorded with who answered and which option',
    { timeout: 90_000 },
    async () => {
      const id = await create('run npm test');
      await ok('wait', id, '--status', 'waiting', '--timeout', '15');
      expect(await ok('screen', id)).toContain("2. Yes, and don't ask again for this command");

      expect((await flotilla('choose', id)).code).toBe(2);
      const outOfRange = await flotilla('choose', id, '7');
      expect(outOfRange.code).toBe(1);
      expect(outOfRange.stderr).toMatch(/option 7 is not one of the 3 options/);

      expect(await ok('choose', id, '2')).toBe(`chose option 2 for ${id}\n`);
      await ok('wait', id, '--status', 'idle', '--timeout', '15');
      expect(await ok('screen', id)).toContain('Ran `npm test`');

      await ok('send', id, 'run npm publish', '--raw');
      await ok('wait', id, '--status', 'waiting', '--timeout', '15');
      await ok('deny', id);
      await ok('wait', id, '--status', 'idle', '--timeout', '15');
      expect(await ok('screen', id)).toContain('Skipped `npm publish`.');

      await ok('send', id, 'add a readme', '--raw');
      await ok('wait', id, '--status', 'waiting', '--timeout', '15');
      await ok('approve', id);
      await ok('wait', id, '--status', 'idle', '--timeout', '15');

      const answers = (await events(id)).filter((e) => ['chose', 'denied', 'approved'].includes(e.kind));
      expect(answers.map((e) => [e.kind, e.detail])).toEqual([
        ['chose', `by user: option 2 "Yes, and don't ask again for this command" — Do you want to run \`npm test\`?`],
        ['denied', 'by user: No — Do you want to run `npm publish`?'],
        ['approved', 'by user: Yes — Do you want to create add-a-readme.txt?'],
      ]);

      const notWaiting = await flotilla('choose', id, '1');
      expect(notWaiting.code).toBe(1);
      expect(notWaiting.stderr).toMatch(/INVALID_STATE: session .* is not waiting for an answer/);
    },
  );

  it(
    'new --auto-yes answers by itself but stops at a dangerous command; profiles lists none',
    { timeout: 90_000 },
    async () => {
      const [session] = JSON.parse(
        await ok('new', '--repo', cli.temp.repo, '--prompt', 'run git push --force', '--auto-yes', '--json'),
      ) as Session[];
      cli.seen.add(session!.id);
      await ok('wait', session!.id, '--status', 'waiting', '--timeout', '15');
      await waitFor(async () => (await events(session!.id)).some((e) => e.kind === 'auto-yes-blocked'), {
        what: 'the guard to block',
        timeoutMs: 15_000,
      });
      const shown = await ok('show', session!.id);
      expect(shown).toContain('force-pushes');
      expect(await ok('profiles')).toBe('no provider profiles\n');
    },
  );
});
