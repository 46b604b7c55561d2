import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { rm, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAlive, isStoppedOrFrozen, procInfo } from '../../test-support/process-probe.js';
import { waitFor } from '../../test-support/wait-for.js';
import { cgroup2Mount, cgroupBase, leftoverCgroups, SessionCgroup } from './session-cgroup.js';

const temp = mkdtempSync(path.join(tmpdir(), 'flotilla-cgroup-'));
const support = await cgroupBase(path.join(temp, 'data'));

afterAll(async () => {
  if (support.base) await rmdir(support.base).catch(() => undefined);
  await rm(temp, { recursive: true, force: true });
});

describe('cgroup2Mount', () => {
  it('finds the cgroup2 line in a hybrid mountinfo, unescaping its path', async () => {
    const file = path.join(temp, 'mountinfo');
    writeFileSync(
      file,
      [
        '31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755',
        '32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu',
        '41 31 0:38 / /sys/fs/cgroup/uni\\040fied rw,relatime - cgroup2 cgroup2 rw',
      ].join('\n'),
    );
    expect(await cgroup2Mount(file)).toBe('/sys/fs/cgroup/uni fied');
    writeFileSync(file, '32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu\n');
    expect(await cgroup2Mount(file)).toBeUndefined();
  });
});

describe.skipIf(support.base === undefined)('SessionCgroup', () => {
  it('holds what its member forks, freezes it, kills it all and is removed', async () => {
    const cgroup = (await SessionCgroup.create(support.base!, 'abc123'))!;
    expect(cgroup).toBeDefined();
    // A shell that double-forks a sleep out of its tree once it is in the cgroup.
    const shell = spawn('sh', ['-c', 'read go; (sleep 4242.5 &); sleep 4243.5'], {
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    expect(cgroup.adopt(shell.pid!)).toBe(true);
    shell.stdin.write('go\n');
    const members = await waitFor(async () => ((await cgroup.members()).length >= 3 ? cgroup.members() : false), {
      what: 'the shell and both sleeps in the cgroup',
    });
    const infos = members.map((pid) => procInfo(pid)!);
    expect(await leftoverCgroups(support.base!)).toEqual([expect.objectContaining({ dir: cgroup.dir })]);

    await cgroup.freeze(true);
    for (const pid of members) expect(isStoppedOrFrozen(pid), `pid ${pid}`).toBe(true);
    await cgroup.freeze(false);
    for (const pid of members) expect(isStoppedOrFrozen(pid), `pid ${pid}`).toBe(false);

    await cgroup.destroy();
    expect(infos.filter((p) => isAlive(p.pid, p.startTime))).toEqual([]);
    expect(existsSync(cgroup.dir)).toBe(false);
  });
});
