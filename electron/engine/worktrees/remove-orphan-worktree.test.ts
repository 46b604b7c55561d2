import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../shared/session.js';
import { gitSync, useTestRepo } from '../../git/fixtures/make-repo.js';
import { removeOrphanWorktree } from './remove-orphan-worktree.js';
import { worktreeReport } from './worktree-report.js';

// Removing one orphan folder under the worktree location, on real repositories; every other path is refused.

const repo = useTestRepo();
let root: string;

beforeEach(async () => {
  root = path.join(repo.root, 'worktrees');
  mkdirSync(path.join(root, 'repo'), { recursive: true });
});

const sessionAt = (worktreePath: string, id = 's1') =>
  ({ id, status: 'idle', worktreePath, repoPath: repo.dir }) as Session;

const worktreeList = () => gitSync(repo.dir, ['worktree', 'list', '--porcelain']);

describe('removeOrphanWorktree', () => {
  it('removes an orphan git worktree through its repository, prunes it and keeps its branch', async () => {
    const orphan = path.join(root, 'repo', 'orphan-1');
    gitSync(repo.dir, ['worktree', 'add', '--quiet', '-b', 'flotilla/orphan', orphan]);
    writeFileSync(path.join(orphan, 'work.txt'), 'uncommitted work\n');
    writeFileSync(path.join(orphan, 'big.bin'), Buffer.alloc(32 * 1024, 1));

    const removed = await removeOrphanWorktree(orphan, [root], []);

    expect(removed).toMatchObject({ path: orphan, kind: 'worktree', repoPath: repo.dir, branch: 'flotilla/orphan' });
    expect(removed.bytes).toBeGreaterThanOrEqual(32 * 1024);
    expect(existsSync(orphan)).toBe(false);
    expect(worktreeList()).not.toContain(orphan);
    expect(gitSync(repo.dir, ['branch', '--list', 'flotilla/orphan'])).toContain('flotilla/orphan');
    expect((await worktreeReport([root], [])).orphans).toEqual([]);
  });

  it('deletes a plain folder, and a worktree whose repository is gone', async () => {
    const plain = path.join(root, 'other', 'not-a-worktree');
    mkdirSync(path.join(plain, 'deep'), { recursive: true });
    writeFileSync(path.join(plain, 'deep', 'file.txt'), 'x');
    expect(await removeOrphanWorktree(plain, [root], [])).toMatchObject({ kind: 'folder', repoPath: null });
    expect(existsSync(plain)).toBe(false);

    const stranded = path.join(root, 'repo', 'stranded-2');
    mkdirSync(stranded);
    writeFileSync(
      path.join(stranded, '.git'),
      `gitdir: ${path.join(repo.root, 'deleted', '.git', 'worktrees', 'x')}\n`,
    );
    expect(await removeOrphanWorktree(stranded, [root], [])).toMatchObject({ kind: 'folder' });
    expect(existsSync(stranded)).toBe(false);
  });

  it('refuses a path outside the worktree location, the location itself and a repository folder of it', async () => {
    const outside = path.join(repo.root, 'elsewhere', 'leaf');
    mkdirSync(outside, { recursive: true });
    for (const target of [
      outside,
      root,
      path.join(root, 'repo'),
      'worktrees/repo/x',
      `${root}/repo/../../elsewhere/leaf`,
    ]) {
      await expect(removeOrphanWorktree(target, [root], [])).rejects.toMatchObject({ code: 'INVALID_PATH' });
    }
    expect(existsSync(outside)).toBe(true);
    expect(existsSync(path.join(root, 'repo'))).toBe(true);
  });

  it('refuses symlinks that lead outside: the folder itself, or a repository folder of the location', async () => {
    const victim = path.join(repo.root, 'victim');
    mkdirSync(path.join(victim, 'leaf'), { recursive: true });
    writeFileSync(path.join(victim, 'leaf', 'keep.txt'), 'keep');
    symlinkSync(path.join(victim, 'leaf'), path.join(root, 'repo', 'link'));
    symlinkSync(victim, path.join(root, 'linked-group'));

    for (const target of [path.join(root, 'repo', 'link'), path.join(root, 'linked-group', 'leaf')]) {
      await expect(removeOrphanWorktree(target, [root], [])).rejects.toMatchObject({ code: 'INVALID_PATH' });
    }
    expect(existsSync(path.join(victim, 'leaf', 'keep.txt'))).toBe(true);
  });

  it("refuses a session's own worktree, even when named through a symlinked location", async () => {
    const own = path.join(root, 'repo', 'session-1');
    gitSync(repo.dir, ['worktree', 'add', '--quiet', '-b', 'flotilla/session', own]);
    const aliasRoot = path.join(repo.root, 'alias');
    symlinkSync(root, aliasRoot);

    for (const target of [own, path.join(aliasRoot, 'repo', 'session-1')]) {
      await expect(removeOrphanWorktree(target, [root, aliasRoot], [sessionAt(own)])).rejects.toMatchObject({
        code: 'INVALID_STATE',
      });
    }
    expect(existsSync(path.join(own, 'README.md'))).toBe(true);
    expect(worktreeList()).toContain(own);
  });

  it('refuses a full repository and a folder holding a session repository, and a path that is gone', async () => {
    const clone = path.join(root, 'repo', 'a-clone');
    gitSync(repo.root, ['clone', '--quiet', repo.dir, clone]);
    await expect(removeOrphanWorktree(clone, [root], [])).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(existsSync(path.join(clone, '.git'))).toBe(true);

    const holder = path.join(root, 'repo', 'holder');
    mkdirSync(path.join(holder, 'project'), { recursive: true });
    const session = { ...sessionAt(path.join(root, 'repo', 'gone-2')), repoPath: path.join(holder, 'project') };
    await expect(removeOrphanWorktree(holder, [root], [session])).rejects.toMatchObject({ code: 'INVALID_STATE' });

    await expect(removeOrphanWorktree(path.join(root, 'repo', 'never'), [root], [])).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
