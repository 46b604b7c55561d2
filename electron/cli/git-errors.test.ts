import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../shared/session.js';
import { runFlotilla, startCliHost, stopCliHost, type CliRun } from '../test-support/cli-host.js';
import { killSessionProcesses } from '../test-support/process-probe.js';
import { createTempRepo, type TempRepo } from '../test-support/temp-repo.js';
import { TEST_BUSY_MS } from '../test-support/test-manager.js';

// Against a host whose git knows no identity (an empty HOME, no system config, no user.* in the
// repository): a refused commit is printed whole, with how to set one; and how `new --base` is resolved.

let temp: TempRepo;
let home: string;
let host: ChildProcess | undefined;
const ids = new Set<string>();

function env(): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env, FLOTILLA_HOME: temp.dataDir, FLOTILLA_DEMO_BUSY_MS: TEST_BUSY_MS };
  for (const name of ['GIT_CONFIG_GLOBAL', 'XDG_CONFIG_HOME', 'EMAIL', 'GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_EMAIL'])
    delete base[name];
  return { ...base, HOME: home, GIT_CONFIG_NOSYSTEM: '1' };
}

const flotilla = (...args: string[]): Promise<CliRun> => runFlotilla(args, env());

beforeEach(async () => {
  temp = createTempRepo();
  home = mkdtempSync(path.join(temp.dir, 'home-'));
  host = await startCliHost(env());
});

afterEach(async () => {
  await stopCliHost(host);
  killSessionProcesses(ids);
  await temp.cleanup();
});

describe('flotilla commit without a git identity', () => {
  it("prints how to set the identity and git's whole message, its instructions included", async () => {
    const created = await flotilla('new', '--repo', temp.repo, '--prompt', 'no identity', '--json');
    expect(created.code, created.stderr).toBe(0);
    const [session] = JSON.parse(created.stdout) as Session[];
    ids.add(session!.id);
    writeFileSync(path.join(session!.worktreePath, 'a.txt'), 'a\n');

    const run = await flotilla('commit', session!.id, '-m', 'work');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^flotilla: GIT_FAILED: git commit failed: git does not know who you are/);
    expect(run.stderr).toContain('git config user.email "you@example.com" and git config user.name "Your Name"');
    expect(run.stderr).toContain('*** Please tell me who you are.');
    expect(run.stderr).toMatch(/\n\s+git config --global user\.name "Your Name"\n/);
  });
});

describe('flotilla new --base', () => {
  it('stores HEAD as the branch checked out, and refuses a commit naming what it accepts', async () => {
    const created = await flotilla('new', '--repo', temp.repo, '--base', 'HEAD', '--prompt', 'x', '--json');
    expect(created.code, created.stderr).toBe(0);
    const [session] = JSON.parse(created.stdout) as Session[];
    ids.add(session!.id);
    expect(session!.baseBranch).toBe('main');

    const refused = await flotilla('new', '--repo', temp.repo, '--base', 'main~0', '--prompt', 'x');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^flotilla: VALIDATION: base "main~0" is a commit, not a branch; name a local branch/,
    );
  });
});
