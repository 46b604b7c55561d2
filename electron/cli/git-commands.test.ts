import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionDiff } from '../../shared/git.js';
import type { Session } from '../../shared/session.js';
import type { OrphanRemoval } from '../../shared/worktree.js';
import { flotillaOk, runFlotilla, startCliHost, stopCliHost, type CliRun } from '../test-support/cli-host.js';
import { killSessionProcesses } from '../test-support/process-probe.js';
import { createTempRepo, gitSync, type TempRepo } from '../test-support/temp-repo.js';
import { TEST_BUSY_MS } from '../test-support/test-manager.js';

// The review commands against a real host process: diff, revert, commit, merge, orphans (listed and removed).

let temp: TempRepo;
let host: ChildProcess | undefined;
const ids = new Set<string>();

const env = () => ({ ...process.env, FLOTILLA_HOME: temp.dataDir, FLOTILLA_DEMO_BUSY_MS: TEST_BUSY_MS });

const flotilla = (...args: string[]): Promise<CliRun> => runFlotilla(args, env());
const ok = (...args: string[]): Promise<string> => flotillaOk(args, env());

beforeEach(async () => {
  temp = createTempRepo();
  host = await startCliHost(env());
});

afterEach(async () => {
  await stopCliHost(host);
  killSessionProcesses(ids);
  await temp.cleanup();
});

async function newSession(): Promise<Session> {
  const [session] = JSON.parse(await ok('new', '--repo', temp.repo, '--prompt', 'review me', '--json')) as Session[];
  ids.add(session!.id);
  return session!;
}

describe('flotilla review commands', () => {
  it('shows the diff as JSON, a stat table and patches, then reverts, commits and merges', async () => {
    const s = await newSession();
    mkdirSync(path.join(s.worktreePath, 'docs'));
    writeFileSync(path.join(s.worktreePath, 'docs', 'guide ü.md'), '# Guide\n');
    writeFileSync(path.join(s.worktreePath, 'README.md'), '# temp repo\nchanged\n');

    const diff = JSON.parse(await ok('diff', s.id, '--json')) as SessionDiff;
    expect(diff.base).toBe(gitSync(temp.repo, ['rev-parse', 'main']));
    expect(diff.files.map((f) => [f.path, f.status, f.additions, f.deletions, f.binary])).toEqual([
      ['README.md', 'modified', 1, 0, false],
      ['docs/guide ü.md', 'added', 1, 0, false],
    ]);
    expect(await ok('diff', s.id, '--stat')).toMatch(/2 file\(s\) changed, \+2 -0/);
    const patch = await ok('diff', s.id);
    expect(patch).toContain('+changed');
    expect(patch).toContain('+# Guide');
    expect(await ok('diff', s.id, 'README.md')).toContain('+changed');
    expect((await flotilla('diff', s.id, '../outside')).code).toBe(1);

    await ok('revert', s.id, 'README.md');
    expect(await ok('commit', s.id, '-m', 'Add a guide')).toMatch(/committed 1 file/);
    expect((await flotilla('commit', s.id)).code).toBe(2);
    expect(await ok('merge', s.id, '-m', 'Guide from the agent')).toMatch(/merged .* into main/);
    expect(gitSync(temp.repo, ['log', '-1', '--format=%s'])).toBe('Guide from the agent');
    expect(gitSync(temp.repo, ['status', '--porcelain'])).toBe('');
  });

  it('refuses a merge with nothing to merge, with the reason on stderr', async () => {
    const s = await newSession();
    const run = await flotilla('merge', s.id);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/already has every change/);
  });

  it('lists orphan worktrees without deleting them', async () => {
    const stray = path.join(temp.dataDir, 'worktrees', 'repo', 'left-behind');
    mkdirSync(stray, { recursive: true });
    expect(await ok('orphans')).toContain(stray);
    const report = JSON.parse(await ok('orphans', '--json')) as { orphans: { path: string }[] };
    expect(report.orphans.map((o) => o.path)).toEqual([stray]);
    expect(existsSync(stray)).toBe(true);
  });

  it('removes one orphan worktree with --remove, keeping its branch, and refuses paths that are not orphans', async () => {
    const orphan = path.join(temp.dataDir, 'worktrees', 'repo', 'stray-worktree');
    gitSync(temp.repo, ['worktree', 'add', '--quiet', '-b', 'flotilla/stray', orphan]);
    const s = await newSession();

    const outside = await flotilla('orphans', '--remove', temp.repo);
    expect(outside.code).toBe(1);
    expect(outside.stderr).toMatch(/INVALID_PATH/);
    const own = await flotilla('orphans', '--remove', s.worktreePath);
    expect(own.code).toBe(1);
    expect(own.stderr).toMatch(/INVALID_STATE: .* is the worktree of session/);
    expect((await flotilla('orphans', '--remove', '')).code).toBe(2);
    expect((await flotilla('orphans', '--remove')).code).toBe(2);
    expect(existsSync(path.join(s.worktreePath, 'README.md'))).toBe(true);

    const removed = JSON.parse(await ok('orphans', '--remove', orphan, '--json')) as OrphanRemoval;
    expect(removed).toMatchObject({ path: orphan, kind: 'worktree', repoPath: temp.repo, branch: 'flotilla/stray' });
    expect(existsSync(orphan)).toBe(false);
    expect(gitSync(temp.repo, ['worktree', 'list'])).not.toContain(orphan);
    expect(gitSync(temp.repo, ['branch', '--list', 'flotilla/stray'])).toContain('flotilla/stray');

    const plain = path.join(temp.dataDir, 'worktrees', 'repo', 'plain');
    mkdirSync(plain);
    expect(await ok('orphans', '--remove', plain)).toMatch(/^removed folder .*plain \(\d/);
    expect(await ok('orphans')).toMatch(/^no orphan worktrees/);
  });
});
