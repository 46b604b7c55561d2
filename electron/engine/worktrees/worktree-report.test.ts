import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../shared/session.js';
import { gitSync, useTestRepo } from '../../git/fixtures/make-repo.js';
import { diskUsage } from './disk-usage.js';
import { worktreeReport } from './worktree-report.js';

const repo = useTestRepo();
let root: string;

beforeEach(async () => {
  root = path.join(repo.root, 'worktrees');
});

const known = (worktreePath: string, id = 'k1') => ({ id, status: 'idle', worktreePath }) as Session;

describe('worktreeReport', () => {
  it('lists worktree folders no session knows, with their repo, branch and size, and sessions whose worktree is gone', async () => {
    const kept = path.join(root, 'repo', 'kept-1');
    const orphan = path.join(root, 'repo', 'orphan-2');
    gitSync(repo.dir, ['worktree', 'add', '--quiet', '-b', 'flotilla/kept', kept]);
    gitSync(repo.dir, ['worktree', 'add', '--quiet', '-b', 'flotilla/orphan', orphan]);
    writeFileSync(path.join(orphan, 'big.bin'), Buffer.alloc(64 * 1024, 1));
    const stray = path.join(root, 'other', 'not-a-worktree');
    mkdirSync(stray, { recursive: true });

    const report = await worktreeReport([root], [known(kept), known(path.join(root, 'repo', 'gone-3'), 'g3')]);

    expect(report.orphans.map((o) => o.path).sort()).toEqual([orphan, stray].sort());
    const found = report.orphans.find((o) => o.path === orphan);
    expect(found).toMatchObject({ repoPath: repo.dir, branch: 'flotilla/orphan' });
    expect(found!.bytes).toBeGreaterThanOrEqual(64 * 1024);
    expect(report.orphans.find((o) => o.path === stray)).toMatchObject({ repoPath: null, branch: null });
    expect(report.missing).toEqual([{ id: 'g3', worktreePath: path.join(root, 'repo', 'gone-3') }]);
  });

  it('reports nothing for a root that does not exist', async () => {
    expect(await worktreeReport([path.join(root, 'none')], [])).toEqual({ orphans: [], missing: [] });
  });
});

describe('diskUsage', () => {
  it('adds up files in nested folders without following symlinks', async () => {
    const dir = path.join(repo.root, 'sized');
    mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
    writeFileSync(path.join(dir, 'a', 'b', 'one.bin'), Buffer.alloc(10_000, 1));
    writeFileSync(path.join(dir, 'two.bin'), Buffer.alloc(20_000, 1));
    const use = await diskUsage(dir);
    expect(use.files).toBe(2);
    expect(use.bytes).toBeGreaterThanOrEqual(30_000);
  });
});
