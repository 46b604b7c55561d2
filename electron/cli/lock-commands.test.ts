import { describe, expect, it } from 'vitest';
import type { SessionLock } from '../../shared/coordination.js';
import type { Session } from '../../shared/session.js';
import { useCliHost } from '../test-support/cli-fixture.js';
import { flotillaOk, runFlotilla, type CliRun } from '../test-support/cli-host.js';

// flotilla lock / unlock / locks through the real CLI against a real host, on demo agents.

const cli = useCliHost();
const flotilla = (...args: string[]): Promise<CliRun> => runFlotilla(args, cli.env());
const ok = (...args: string[]): Promise<string> => flotillaOk(args, cli.env());

async function create(name: string): Promise<Session> {
  const [session] = JSON.parse(await ok('new', '--repo', cli.temp.repo, '--name', name, '--json')) as Session[];
  cli.seen.add(session!.id);
  await ok('wait', session!.id, '--status', 'idle', '--timeout', '15');
  return session!;
}

describe('flotilla lock / unlock / locks', () => {
  it(
    'a lock is held and listed; another session gets LOCK_HELD naming the holder, or with --wait takes it on unlock',
    { timeout: 90_000 },
    async () => {
      const w1 = await create('w1');
      const w2 = await create('w2');
      const short1 = w1.id.slice(0, 8);

      expect(await ok('lock', 'merging into main', '--as', 'w1')).toMatch(
        new RegExp(
          `^w1 \\(${short1}\\) holds the repository ${w1.repoPath} since \\d\\d:\\d\\d: merging into main\\n$`,
        ),
      );
      const held = await flotilla('lock', 'me too', '--as', 'w2');
      expect(held.code).toBe(1);
      expect(held.stderr).toMatch(
        new RegExp(`^flotilla: LOCK_HELD: held by w1 \\(${short1}\\) since \\d\\d:\\d\\d: merging into main\\n$`),
      );

      // From inside w2 (its id in the environment): waits, and takes the lock when w1 lets go.
      let settled = false;
      const waiting = runFlotilla(['lock', 'after w1', '--wait', '30'], { ...cli.env(), FLOTILLA_SESSION_ID: w2.id });
      void waiting.then(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(settled).toBe(false);
      const table = await ok('locks');
      expect(table).toMatch(
        /^SCOPE +HELD BY +SINCE +REASON +KEY\nrepo +w1 \(\w{8}\) +\d\d:\d\d +merging into main +\//,
      );
      const released = Date.now();
      expect(await ok('unlock', '--as', 'w1')).toBe('released 1 lock\n');
      const took = await waiting;
      expect(took).toMatchObject({ code: 0, stderr: '' });
      expect(took.stdout).toMatch(/^w2 \(\w{8}\) holds the repository .* since \d\d:\d\d: after w1\n$/);
      expect(Date.now() - released).toBeLessThan(5000);

      const locks = JSON.parse(await ok('locks', '--json')) as SessionLock[];
      expect(locks.map((l) => [l.sessionId, l.scope, l.reason, l.auto])).toEqual([[w2.id, 'repo', 'after w1', false]]);
      expect(JSON.parse(await ok('locks', '--repo', cli.temp.repo, '--json'))).toHaveLength(1);
      expect(await ok('locks', '--repo', cli.temp.dir)).toBe('no locks held\n');

      // Its own worktree's lock is free to take; unlock --scope lets go of that one only.
      expect(await ok('lock', 'tidying', '--scope', 'path', '--as', 'w2')).toMatch(/holds the worktree /);
      expect(await ok('unlock', '--scope', 'path', '--as', 'w2')).toBe('released 1 lock\n');

      // An ended session's locks go.
      await ok('kill', w2.id);
      expect(await ok('locks')).toBe('no locks held\n');
    },
  );

  it('usage errors exit 2: no reason, a bad scope or wait, no session to speak for', async () => {
    const env = { ...cli.env(), FLOTILLA_SESSION_ID: '' };
    expect((await flotilla('lock', '--as', 'w1')).code).toBe(2);
    const scope = await flotilla('lock', 'x', '--scope', 'branch', '--as', 'w1');
    expect(scope).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--scope must be repo .* or path/) as string,
    });
    expect((await flotilla('lock', 'x', '--wait', 'soon', '--as', 'w1')).code).toBe(2);
    const nobody = await runFlotilla(['unlock'], env);
    expect(nobody.code).toBe(2);
    expect(nobody.stderr).toMatch(/run it inside a Flotilla session, or name the session with --as ID/);
    const unknown = await flotilla('lock', 'x', '--as', 'nosuch');
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringMatching(/NOT_FOUND/) as string });
  });
});
