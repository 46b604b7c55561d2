import { describe, expect, it } from 'vitest';
import type { Session } from '../../shared/session.js';
import { commitFile } from '../git/fixtures/make-repo.js';
import { flotillaOk, runFlotilla } from '../test-support/cli-host.js';
import { useCliHost } from '../test-support/cli-fixture.js';
import { gitSync } from '../test-support/temp-repo.js';

// `flotilla merge` against a real host: one ID is the single squash-merge as before, several are a queue
// that prints each session's progress and exits 1 naming the session it stopped at.

const cli = useCliHost();
const ok = (...args: string[]) => flotillaOk(args, cli.env());

/** A demo session left at its question (it writes nothing), with one commit of ours on its branch. */
async function sessionWith(name: string, file: string, content: string): Promise<Session> {
  const [session] = JSON.parse(
    await ok('new', '--repo', cli.temp.repo, '--provider', 'demo', '--name', name, '--prompt', name, '--json'),
  ) as Session[];
  cli.seen.add(session!.id);
  await ok('wait', session!.id, '--status', 'waiting', '--timeout', '20');
  commitFile(session!.worktreePath, file, content, `${name}: ${file}`);
  return session!;
}

describe('flotilla merge', () => {
  it('lands A and B of `merge A B C`, then stops at C and names it', async () => {
    await sessionWith('alpha', 'README.md', '# temp repo\nalpha\n');
    await sessionWith('beta', 'beta.txt', 'beta\n');
    const c = await sessionWith('gamma', 'README.md', '# temp repo\ngamma\n');
    const cHead = gitSync(c.worktreePath, ['rev-parse', 'HEAD']);

    const run = await runFlotilla(['merge', 'alpha', 'beta', 'gamma'], cli.env());
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'alpha: rebasing',
      'alpha: validating',
      'alpha: merging',
      expect.stringMatching(/^alpha: merged as [0-9a-f]{10}$/),
    ]);
    expect(lines).toContainEqual(expect.stringMatching(/^beta: merged as /));
    expect(lines).toContain('gamma: rebasing');
    expect(lines.at(-1)).toMatch(/^gamma: failed: rebasing onto main conflicts in README\.md/);
    expect(run.stderr).toMatch(
      /merge queue stopped at gamma \(2 of 3 merged\): rebasing onto main conflicts in README\.md/,
    );

    expect(gitSync(cli.temp.repo, ['log', '-2', '--format=%s', 'main']).split('\n')).toEqual(['beta', 'alpha']);
    expect(gitSync(c.worktreePath, ['rev-parse', 'HEAD'])).toBe(cHead);
  });

  it('keeps the single merge as it was, with --override passed on, and refuses --override on a queue', async () => {
    const a = await sessionWith('solo', 'solo.txt', 'solo\n');
    await sessionWith('other', 'other.txt', 'other\n');
    const queue = await runFlotilla(['merge', 'solo', 'other', '--override'], cli.env());
    expect(queue.code).toBe(2);
    expect(queue.stderr).toMatch(/--override is for a single merge/);

    // A validator that always fails: the single merge is gated, and --override gets through.
    await ok('validators', 'add', '--repo', cli.temp.repo, '--name', 'never', '--', 'node', '-e', 'process.exit(1)');
    const gated = await runFlotilla(['merge', a.id], cli.env());
    expect(gated.code).toBe(1);
    expect(gated.stderr).toMatch(/VALIDATION_REQUIRED/);
    expect(await ok('merge', a.id, '--override')).toMatch(/^merged flotilla\/\S+ into main as [0-9a-f]{10}; updated /);
    expect(gitSync(cli.temp.repo, ['log', '-1', '--format=%B', 'main'])).toBe(
      `solo\n\nSquash-merge of ${a.branch} (Flotilla session ${a.id}).`,
    );
    const again = await runFlotilla(['merge', a.id, '--override'], cli.env());
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/NOTHING_TO_MERGE: main already has every change/);
    expect((await runFlotilla(['merge'], cli.env())).code).toBe(2);
  });
});
