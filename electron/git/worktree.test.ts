import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitFile, gitSync, makeRepo, useTestRepo } from './fixtures/make-repo.js';
import { branchExists, isDirty } from './repo-info.js';
import { addWorktree, deleteBranch, isMergedInto, listWorktrees, removeWorktree } from './worktree.js';
import { errorOf } from '../test-support/error-of.js';

const repo = useTestRepo();

describe('addWorktree', () => {
  it('creates the branch at the base commit and checks it out in the new folder', async () => {
    const base = repo.initialCommit;
    commitFile(repo.dir, 'later.txt', 'after the base');
    const dir = path.join(repo.root, 'worktrees', 'one');

    await addWorktree(repo.dir, dir, 'flotilla/one', base);

    expect(readFileSync(path.join(dir, 'README.md'), 'utf8')).toBe('# fixture\n');
    expect(existsSync(path.join(dir, 'later.txt'))).toBe(false);
    expect(gitSync(dir, ['rev-parse', 'HEAD'])).toBe(base);
    expect(gitSync(dir, ['symbolic-ref', '--short', 'HEAD'])).toBe('flotilla/one');
    expect(await branchExists(repo.dir, 'flotilla/one')).toBe(true);
    // The main checkout is untouched.
    expect(gitSync(repo.dir, ['symbolic-ref', '--short', 'HEAD'])).toBe('main');
  });

  it("leaves the new worktree clean, its index filled, and runs the repo's post-checkout hook there", async () => {
    const hook = path.join(repo.dir, '.git', 'hooks', 'post-checkout');
    writeFileSync(hook, '#!/bin/sh\npwd > checked-out-in.txt\n', { mode: 0o755 });
    const dir = path.join(repo.root, 'hooked');

    await addWorktree(repo.dir, dir, 'flotilla/hooked', repo.initialCommit);

    expect(readFileSync(path.join(dir, 'checked-out-in.txt'), 'utf8').trim()).toBe(dir);
    expect(gitSync(dir, ['status', '--porcelain', '--untracked-files=no'])).toBe('');
    expect(gitSync(dir, ['ls-files'])).toContain('README.md');
  });

  it('fails with GIT_FAILED when the branch already exists, creating no folder', async () => {
    gitSync(repo.dir, ['branch', 'taken']);
    const dir = path.join(repo.root, 'wt');
    const error = await errorOf(addWorktree(repo.dir, dir, 'taken', repo.initialCommit));
    expect(error.code).toBe('GIT_FAILED');
    expect(error.message).toMatch(/already exists/);
    expect(existsSync(dir)).toBe(false);
  });

  it('fails with GIT_FAILED when the folder already holds files', async () => {
    const dir = path.join(repo.root, 'busy');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'keep.txt'), 'mine');
    const error = await errorOf(addWorktree(repo.dir, dir, 'fresh', repo.initialCommit));
    expect(error.code).toBe('GIT_FAILED');
    expect(readFileSync(path.join(dir, 'keep.txt'), 'utf8')).toBe('mine');
  });
});

describe('concurrent worktree changes in one repo', () => {
  it('adds and removes 24 worktrees at once without git tripping over its own bookkeeping', async () => {
    const dirs = Array.from({ length: 24 }, (_, i) => path.join(repo.root, `w${i}`));
    await Promise.all(dirs.map((dir, i) => addWorktree(repo.dir, dir, `flotilla/w${i}`, repo.initialCommit)));
    expect(await listWorktrees(repo.dir)).toHaveLength(25);
    for (const dir of dirs) expect(gitSync(dir, ['status', '--porcelain'])).toBe('');
    await Promise.all([
      ...dirs.slice(0, 12).map((dir) => removeWorktree(repo.dir, dir)),
      ...Array.from({ length: 12 }, (_, i) =>
        addWorktree(repo.dir, path.join(repo.root, `x${i}`), `flotilla/x${i}`, repo.initialCommit),
      ),
    ]);
    expect(await listWorktrees(repo.dir)).toHaveLength(25);
  });
});

describe('listWorktrees', () => {
  it('lists the main checkout and each worktree with its branch; a detached one has none', async () => {
    const a = path.join(repo.root, 'a');
    const detached = path.join(repo.root, 'detached');
    await addWorktree(repo.dir, a, 'flotilla/a', repo.initialCommit);
    gitSync(repo.dir, ['worktree', 'add', '--quiet', '--detach', detached, repo.initialCommit]);

    expect(await listWorktrees(repo.dir)).toEqual([
      { path: repo.dir, branch: 'main' },
      { path: a, branch: 'flotilla/a' },
      { path: detached, branch: null },
    ]);
  });
});

describe('removeWorktree', () => {
  it('removes a worktree with local changes and untracked files, keeping its branch', async () => {
    const dir = path.join(repo.root, 'wt');
    await addWorktree(repo.dir, dir, 'flotilla/wt', repo.initialCommit);
    writeFileSync(path.join(dir, 'README.md'), 'edited');
    writeFileSync(path.join(dir, 'untracked.txt'), 'new');
    expect(await isDirty(dir)).toBe(true);

    await removeWorktree(repo.dir, dir);

    expect(existsSync(dir)).toBe(false);
    expect((await listWorktrees(repo.dir)).map((w) => w.path)).toEqual([repo.dir]);
    expect(await branchExists(repo.dir, 'flotilla/wt')).toBe(true);
  });

  it('prunes a worktree whose folder was already deleted by hand', async () => {
    const dir = path.join(repo.root, 'wt');
    await addWorktree(repo.dir, dir, 'flotilla/wt', repo.initialCommit);
    rmSync(dir, { recursive: true, force: true });

    await removeWorktree(repo.dir, dir);

    expect((await listWorktrees(repo.dir)).map((w) => w.path)).toEqual([repo.dir]);
    // Pruned, so the branch is free to check out again.
    await addWorktree(repo.dir, path.join(repo.root, 'again'), 'flotilla/other', repo.initialCommit);
    gitSync(path.join(repo.root, 'again'), ['checkout', '--quiet', 'flotilla/wt']);
  });

  it('deletes a folder git never registered, and does not fail on one that does not exist', async () => {
    const stray = path.join(repo.root, 'stray');
    mkdirSync(stray);
    writeFileSync(path.join(stray, 'half-created.txt'), 'x');

    await removeWorktree(repo.dir, stray);
    expect(existsSync(stray)).toBe(false);

    await expect(removeWorktree(repo.dir, path.join(repo.root, 'never-existed'))).resolves.toBeUndefined();
  });

  it('leaves the main checkout and other worktrees alone', async () => {
    const a = path.join(repo.root, 'a');
    const b = path.join(repo.root, 'b');
    await addWorktree(repo.dir, a, 'flotilla/a', repo.initialCommit);
    await addWorktree(repo.dir, b, 'flotilla/b', repo.initialCommit);

    await removeWorktree(repo.dir, a);

    expect(existsSync(b)).toBe(true);
    expect(existsSync(path.join(repo.dir, 'README.md'))).toBe(true);
    expect(await listWorktrees(repo.dir)).toEqual([
      { path: repo.dir, branch: 'main' },
      { path: b, branch: 'flotilla/b' },
    ]);
  });
});

describe('deleteBranch', () => {
  it('deletes a branch even when it is not merged', async () => {
    const dir = path.join(repo.root, 'wt');
    await addWorktree(repo.dir, dir, 'flotilla/wt', repo.initialCommit);
    commitFile(dir, 'work.txt', 'unmerged work');
    await removeWorktree(repo.dir, dir);

    await deleteBranch(repo.dir, 'flotilla/wt');

    expect(await branchExists(repo.dir, 'flotilla/wt')).toBe(false);
  });

  it('fails with GIT_FAILED for a missing branch or one still checked out in a worktree', async () => {
    expect((await errorOf(deleteBranch(repo.dir, 'no-such-branch'))).code).toBe('GIT_FAILED');

    await addWorktree(repo.dir, path.join(repo.root, 'wt'), 'flotilla/wt', repo.initialCommit);
    expect((await errorOf(deleteBranch(repo.dir, 'flotilla/wt'))).code).toBe('GIT_FAILED');
    expect(await branchExists(repo.dir, 'flotilla/wt')).toBe(true);
  });
});

describe('isMergedInto', () => {
  it('is true for a branch without new commits, false once it has some, true again after merging', async () => {
    const dir = path.join(repo.root, 'wt');
    await addWorktree(repo.dir, dir, 'flotilla/wt', repo.initialCommit);
    expect(await isMergedInto(repo.dir, 'flotilla/wt', 'main')).toBe(true);

    commitFile(dir, 'feature.txt', 'feature');
    expect(await isMergedInto(repo.dir, 'flotilla/wt', 'main')).toBe(false);

    gitSync(repo.dir, ['merge', '--quiet', '--no-edit', '--no-ff', 'flotilla/wt']);
    expect(await isMergedInto(repo.dir, 'flotilla/wt', 'main')).toBe(true);
  });

  it('is false when main moved on but the branch has its own commits', async () => {
    const dir = path.join(repo.root, 'wt');
    await addWorktree(repo.dir, dir, 'flotilla/wt', repo.initialCommit);
    commitFile(dir, 'feature.txt', 'feature');
    commitFile(repo.dir, 'main.txt', 'main moved');
    expect(await isMergedInto(repo.dir, 'flotilla/wt', 'main')).toBe(false);
  });

  it('is true after a squash-merge brought every change into main, false while something is left', async () => {
    const dir = path.join(repo.root, 'wt');
    await addWorktree(repo.dir, dir, 'flotilla/wt', repo.initialCommit);
    commitFile(dir, 'feature.txt', 'feature');
    commitFile(dir, 'more.txt', 'more');
    gitSync(repo.dir, ['merge', '--quiet', '--squash', 'flotilla/wt']);
    gitSync(repo.dir, ['commit', '--quiet', '-m', 'squashed']);
    expect(await isMergedInto(repo.dir, 'flotilla/wt', 'main')).toBe(true);
    commitFile(dir, 'later.txt', 'not merged yet');
    expect(await isMergedInto(repo.dir, 'flotilla/wt', 'main')).toBe(false);
  });

  it('fails with GIT_FAILED for a branch that does not exist rather than answering', async () => {
    expect((await errorOf(isMergedInto(repo.dir, 'no-such-branch', 'main'))).code).toBe('GIT_FAILED');
  });
});

describe('paths with spaces and unicode', () => {
  it('adds, lists, dirties and removes a worktree under such paths', async () => {
    const odd = await makeRepo({ name: 'repo with spaces ✓' });
    try {
      const dir = path.join(odd.root, 'work trees', 'ñandú über ☃');
      await addWorktree(odd.dir, dir, 'flotilla/unicode-ok', odd.initialCommit);

      expect(readFileSync(path.join(dir, 'README.md'), 'utf8')).toBe('# fixture\n');
      expect(await listWorktrees(odd.dir)).toEqual([
        { path: odd.dir, branch: 'main' },
        { path: dir, branch: 'flotilla/unicode-ok' },
      ]);
      writeFileSync(path.join(dir, 'fichier été.txt'), 'x');
      expect(await isDirty(dir)).toBe(true);

      await removeWorktree(odd.dir, dir);
      expect(existsSync(dir)).toBe(false);
      expect(await listWorktrees(odd.dir)).toEqual([{ path: odd.dir, branch: 'main' }]);
      await deleteBranch(odd.dir, 'flotilla/unicode-ok');
      expect(await branchExists(odd.dir, 'flotilla/unicode-ok')).toBe(false);
    } finally {
      await odd.cleanup();
    }
  });
});
