import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Session } from '../../shared/session.js';
import { readHostFile } from '../host/host-file.js';
import { useCliHost } from '../test-support/cli-fixture.js';
import { flotillaOk, processExited, runFlotilla, type CliRun } from '../test-support/cli-host.js';
import { gitSync } from '../test-support/temp-repo.js';
import { waitFor } from '../test-support/wait-for.js';

const cli = useCliHost({ startHost: false });

const flotilla = (...args: string[]): Promise<CliRun> => runFlotilla(args, cli.env());
const ok = (...args: string[]): Promise<string> => flotillaOk(args, cli.env());

async function list(): Promise<Session[]> {
  const sessions = JSON.parse(await ok('ls', '--json')) as Session[];
  for (const s of sessions) cli.seen.add(s.id);
  return sessions;
}

describe('flotilla CLI', () => {
  it('explains usage errors with exit code 2 and a missing host with exit code 1', async () => {
    expect((await flotilla()).code).toBe(2);
    expect((await flotilla('bogus')).code).toBe(2);
    expect((await flotilla('ls', '--nope')).code).toBe(2);
    const noHost = await flotilla('ls');
    expect(noHost.code).toBe(1);
    expect(noHost.stderr).toMatch(/no Flotilla host is running .*flotilla serve/);
    const help = await flotilla('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('wait ID --status S');
  });

  it('drives a session through its whole life from the shell', { timeout: 120_000 }, async () => {
    await cli.startHost();
    const info = await readHostFile(cli.temp.dataDir);
    expect(info?.pid).toBe(cli.host?.pid);
    expect(statSync(path.join(cli.temp.dataDir, 'host.json')).mode & 0o777).toBe(0o600);
    expect((await flotilla('new', '--prompt', 'x')).code).toBe(2);

    const created = JSON.parse(
      await ok('new', '--repo', cli.temp.repo, '--prompt', 'cli tour', '--name', 'tour', '--json'),
    ) as Session[];
    expect(created).toHaveLength(1);
    const id = created[0]!.id;
    cli.seen.add(id);

    const [listed] = await list();
    for (const key of [
      'id',
      'name',
      'provider',
      'status',
      'repoPath',
      'baseBranch',
      'branch',
      'worktreePath',
      'pid',
      'createdAt',
      'updatedAt',
    ]) {
      expect(listed).toHaveProperty(key);
    }
    expect(listed).toMatchObject({ id, name: 'tour', provider: 'demo', repoPath: cli.temp.repo, baseBranch: 'main' });

    // Prefix and name both resolve.
    await ok('wait', id.slice(0, 4), '--status', 'waiting', '--timeout', '15');
    expect(await ok('screen', 'tour')).toContain('Do you want to create cli-tour.txt?');
    await ok('approve', id);
    await ok('wait', id, '--status', 'idle', '--timeout', '15');
    expect(existsSync(path.join(listed!.worktreePath, 'cli-tour.txt'))).toBe(true);
    expect(existsSync(path.join(cli.temp.repo, 'cli-tour.txt'))).toBe(false);

    await ok('send', id, 'second task', '--raw');
    await ok('wait', id, '--status', 'waiting', '--timeout', '15');
    await ok('deny', id);
    await ok('wait', id, '--status', 'idle', '--timeout', '15');

    expect(await ok('pause', '--all')).toContain(`paused ${id}`);
    expect((await list())[0]!.status).toBe('paused');
    await ok('resume', id);
    const shown = JSON.parse(await ok('show', id, '--json')) as Session & { events: { toStatus: string | null }[] };
    expect(shown.events.map((e) => e.toStatus)).toEqual(
      expect.arrayContaining(['creating', 'running', 'waiting', 'idle', 'paused']),
    );

    const waitTimeout = await flotilla('wait', id, '--status', 'completed', '--timeout', '1');
    expect(waitTimeout.code).toBe(1);
    expect(waitTimeout.stderr).toMatch(/timed out/);

    await ok('kill', id);
    expect((await list())[0]!.status).toBe('cancelled');
    expect(await ok('archive', id)).toMatch(/^archived /);
    expect((await list())[0]!.archivedAt).toEqual(expect.any(String));
    await ok('unarchive', id);
    expect((await list())[0]!.archivedAt).toBeNull();
    const refused = await flotilla('rm', id);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/DIRTY_WORKTREE|UNMERGED_BRANCH/);
    await ok('rm', id, '--force');
    expect(await list()).toEqual([]);
    expect(gitSync(cli.temp.repo, ['branch', '--list', 'flotilla/*'])).toBe('');
    expect(existsSync(listed!.worktreePath)).toBe(false);

    const missing = await flotilla('show', 'nope');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('NOT_FOUND');
  });

  it('reports a failed create on stderr with exit code 1 and leaves nothing behind', async () => {
    await cli.startHost();
    const notRepo = await flotilla('new', '--repo', cli.temp.dir, '--prompt', 'x');
    expect(notRepo.code).toBe(1);
    expect(notRepo.stderr).toContain('NOT_A_REPO');
    const badBase = await flotilla('new', '--repo', cli.temp.repo, '--base', 'no-such-branch');
    expect(badBase.code).toBe(1);
    expect(badBase.stderr).toContain('UNKNOWN_BASE');
    expect(await list()).toEqual([]);
    expect(gitSync(cli.temp.repo, ['branch', '--list', 'flotilla/*'])).toBe('');
  });

  it(
    'recovers every session after the host is killed with SIGKILL, and refuses a second host',
    { timeout: 120_000 },
    async () => {
      const first = await cli.startHost();
      const second = await flotilla('serve');
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(/already serves/);

      await ok('new', '--repo', cli.temp.repo, '--prompt', 'survive', '--count', '3');
      const before = await list();
      await Promise.all(before.map((s) => ok('wait', s.id, '--status', 'waiting', '--timeout', '15')));
      first.kill('SIGKILL');
      await processExited(first);

      await cli.startHost();
      const after = await list();
      expect(after.map((s) => s.id).sort()).toEqual(before.map((s) => s.id).sort());
      for (const s of after) {
        expect(s.status).toBe('paused');
        expect(s.pid).toBeNull();
        expect(existsSync(s.worktreePath)).toBe(true);
        expect(await ok('screen', s.id)).toContain('Do you want to create survive.txt?');
      }
      expect(gitSync(cli.temp.repo, ['branch', '--list', 'flotilla/*']).split('\n')).toHaveLength(3);

      const target = after[0]!;
      await ok('resume', target.id);
      await waitFor(
        async () => (await ok('screen', target.id)).includes(`Resumed conversation ${target.conversationId}`),
        {
          what: 'the resumed agent to print its conversation',
        },
      );
      await ok('kill', '--all');
      expect((await list()).every((s) => s.status === 'cancelled')).toBe(true);
    },
  );
});
