import type { ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../shared/session.js';
import { readHostFile } from '../host/host-file.js';
import {
  flotillaOk,
  processExited,
  runFlotilla,
  startCliHost,
  stopCliHost,
  type CliRun,
} from '../test-support/cli-host.js';
import { sessionProcesses, killSessionProcesses } from '../test-support/process-probe.js';
import { createTempRepo, gitSync, type TempRepo } from '../test-support/temp-repo.js';
import { TEST_BUSY_MS } from '../test-support/test-manager.js';
import { waitFor } from '../test-support/wait-for.js';

let temp: TempRepo;
let host: ChildProcess | undefined;
const seen = new Set<string>();

function env(): NodeJS.ProcessEnv {
  return { ...process.env, FLOTILLA_HOME: temp.dataDir, FLOTILLA_DEMO_BUSY_MS: TEST_BUSY_MS };
}

const flotilla = (...args: string[]): Promise<CliRun> => runFlotilla(args, env());
const ok = (...args: string[]): Promise<string> => flotillaOk(args, env());

async function list(): Promise<Session[]> {
  const sessions = JSON.parse(await ok('ls', '--json')) as Session[];
  for (const s of sessions) seen.add(s.id);
  return sessions;
}

async function startHost(): Promise<ChildProcess> {
  host = await startCliHost(env());
  return host;
}

beforeEach(() => {
  temp = createTempRepo();
  seen.clear();
});

afterEach(async () => {
  await stopCliHost(host);
  host = undefined;
  const leaked = sessionProcesses(seen);
  killSessionProcesses(seen);
  await temp.cleanup();
  expect(leaked).toEqual([]);
});

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
    await startHost();
    const info = await readHostFile(temp.dataDir);
    expect(info?.pid).toBe(host?.pid);
    expect(statSync(path.join(temp.dataDir, 'host.json')).mode & 0o777).toBe(0o600);
    expect((await flotilla('new', '--prompt', 'x')).code).toBe(2);

    const created = JSON.parse(
      await ok('new', '--repo', temp.repo, '--prompt', 'cli tour', '--name', 'tour', '--json'),
    ) as Session[];
    expect(created).toHaveLength(1);
    const id = created[0]!.id;
    seen.add(id);

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
    expect(listed).toMatchObject({ id, name: 'tour', provider: 'demo', repoPath: temp.repo, baseBranch: 'main' });

    // Prefix and name both resolve.
    await ok('wait', id.slice(0, 4), '--status', 'waiting', '--timeout', '15');
    expect(await ok('screen', 'tour')).toContain('Do you want to create cli-tour.txt?');
    await ok('approve', id);
    await ok('wait', id, '--status', 'idle', '--timeout', '15');
    expect(existsSync(path.join(listed!.worktreePath, 'cli-tour.txt'))).toBe(true);
    expect(existsSync(path.join(temp.repo, 'cli-tour.txt'))).toBe(false);

    await ok('send', id, 'second task');
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
    expect(gitSync(temp.repo, ['branch', '--list', 'flotilla/*'])).toBe('');
    expect(existsSync(listed!.worktreePath)).toBe(false);

    const missing = await flotilla('show', 'nope');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('NOT_FOUND');
  });

  it('reports a failed create on stderr with exit code 1 and leaves nothing behind', async () => {
    await startHost();
    const notRepo = await flotilla('new', '--repo', temp.dir, '--prompt', 'x');
    expect(notRepo.code).toBe(1);
    expect(notRepo.stderr).toContain('NOT_A_REPO');
    const badBase = await flotilla('new', '--repo', temp.repo, '--base', 'no-such-branch');
    expect(badBase.code).toBe(1);
    expect(badBase.stderr).toContain('UNKNOWN_BASE');
    expect(await list()).toEqual([]);
    expect(gitSync(temp.repo, ['branch', '--list', 'flotilla/*'])).toBe('');
  });

  it(
    'recovers every session after the host is killed with SIGKILL, and refuses a second host',
    { timeout: 120_000 },
    async () => {
      const first = await startHost();
      const second = await flotilla('serve');
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(/already serves/);

      await ok('new', '--repo', temp.repo, '--prompt', 'survive', '--count', '3');
      const before = await list();
      await Promise.all(before.map((s) => ok('wait', s.id, '--status', 'waiting', '--timeout', '15')));
      first.kill('SIGKILL');
      await processExited(first);

      await startHost();
      const after = await list();
      expect(after.map((s) => s.id).sort()).toEqual(before.map((s) => s.id).sort());
      for (const s of after) {
        expect(s.status).toBe('paused');
        expect(s.pid).toBeNull();
        expect(existsSync(s.worktreePath)).toBe(true);
        expect(await ok('screen', s.id)).toContain('Do you want to create survive.txt?');
      }
      expect(gitSync(temp.repo, ['branch', '--list', 'flotilla/*']).split('\n')).toHaveLength(3);

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
