import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { commitChanges } from './commit-changes.js';
import { computeFilePatch } from './diff-file.js';
import { computeSessionDiff } from './diff-stats.js';
import { configureLfsFilter, hasGitLfs, LFS_ATTRIBUTES, lfsPointer, settleIndex } from './fixtures/lfs-pointers.js';
import { commitFile, gitSync } from './fixtures/make-repo.js';
import { makeSession, type TestSession } from './fixtures/make-session.js';
import { rebaseOntoBase } from './rebase-branch.js';
import { revertFile } from './revert-file.js';
import { squashMerge } from './squash-merge.js';

// A repo whose *.bin files are Git LFS pointers, on a machine where git-lfs does not run: the pointers
// are the files' text. The user's and system's git config are kept out, so a `git lfs install` done on
// this machine cannot change what the tests see.

let s: TestSession;
const BASE_POINTER = lfsPointer('a', 1_000_000);
const SESSION_POINTER = lfsPointer('b', 2_000_000);

beforeEach(async () => {
  vi.stubEnv('GIT_CONFIG_GLOBAL', '/dev/null');
  vi.stubEnv('GIT_CONFIG_NOSYSTEM', '1');
  for (const who of ['AUTHOR', 'COMMITTER']) {
    vi.stubEnv(`GIT_${who}_NAME`, 'Flotilla Tests');
    vi.stubEnv(`GIT_${who}_EMAIL`, 'tests@flotilla.invalid');
  }
  s = await makeSession();
  commitFile(s.dir, '.gitattributes', LFS_ATTRIBUTES);
  commitFile(s.dir, 'model.bin', BASE_POINTER);
  gitSync(s.worktree, ['merge', '--quiet', '--ff-only', 'main']);
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await s.cleanup();
});

const merge = () =>
  squashMerge({ repo: s.dir, worktree: s.worktree, branch: s.branch, baseBranch: 'main', message: 'new model' });

describe('Git LFS pointer files when git-lfs is not set up', () => {
  it('shows a changed pointer as a small text change, in the stats and the patch', async () => {
    s.write('model.bin', SESSION_POINTER);
    const diff = await computeSessionDiff(s.worktree, 'main');
    expect(diff.files).toEqual([
      expect.objectContaining({ path: 'model.bin', status: 'modified', binary: false, additions: 2, deletions: 2 }),
    ]);
    const patch = await computeFilePatch(s.worktree, 'main', 'model.bin');
    expect(patch).toMatchObject({ kind: 'text', patch: expect.stringContaining('+size 2000000\n') });
  });

  it('reverts, commits and squash-merges the pointer text as it is', async () => {
    s.write('model.bin', lfsPointer('c', 3));
    await revertFile(s.worktree, 'main', 'model.bin');
    expect(s.read('model.bin')).toBe(BASE_POINTER);

    s.write('model.bin', SESSION_POINTER);
    await commitChanges(s.worktree, 'new model');
    expect(gitSync(s.worktree, ['cat-file', 'blob', 'HEAD:model.bin'])).toBe(SESSION_POINTER.trim());

    const result = await merge();
    expect(result.updatedCheckout).toBe(s.dir);
    expect(readFileSync(path.join(s.dir, 'model.bin'), 'utf8')).toBe(SESSION_POINTER);
    expect(gitSync(s.dir, ['status', '--porcelain'])).toBe('');
  });

  it('rebases a changed pointer onto a moved base', async () => {
    s.write('model.bin', SESSION_POINTER);
    s.commitAll('new model');
    commitFile(s.dir, 'other.bin', lfsPointer('d', 4));
    expect(await rebaseOntoBase(s.worktree, 'main')).toMatchObject({ upToDate: false });
    expect(s.read('model.bin')).toBe(SESSION_POINTER);
    expect(s.read('other.bin')).toBe(lfsPointer('d', 4));
  });
});

// `git lfs install` was run, but git-lfs is gone (or not on the PATH of an app started from the desktop):
// git fails on every LFS-tracked file it has to filter. Where git-lfs runs, this case cannot be built.
describe.skipIf(hasGitLfs())('Git LFS set up but git-lfs missing', () => {
  const refusal = { code: 'GIT_FAILED', message: expect.stringContaining('git-lfs cannot be found: install Git LFS') };

  it('still shows the diff, reading the pointers as they are', async () => {
    configureLfsFilter(s.dir);
    s.write('model.bin', SESSION_POINTER);
    const diff = await computeSessionDiff(s.worktree, 'main');
    expect(diff.files).toEqual([expect.objectContaining({ path: 'model.bin', additions: 2, deletions: 2 })]);
    expect((await computeFilePatch(s.worktree, 'main', 'model.bin')).kind).toBe('text');
  });

  it('refuses commit and revert with the reason, leaving the file as it was', async () => {
    configureLfsFilter(s.dir);
    s.write('model.bin', SESSION_POINTER);
    await expect(commitChanges(s.worktree, 'new model')).rejects.toMatchObject(refusal);
    expect(gitSync(s.worktree, ['rev-parse', 'HEAD'])).toBe(gitSync(s.dir, ['rev-parse', 'main']));
    await expect(revertFile(s.worktree, 'main', 'model.bin')).rejects.toMatchObject({
      message: expect.stringContaining('cannot revert model.bin'),
    });
    expect(s.read('model.bin')).toBe(SESSION_POINTER);
  });

  it('refuses to merge into a checkout it cannot update, and to rebase, before changing anything', async () => {
    s.write('model.bin', SESSION_POINTER);
    const head = s.commitAll('new model');
    settleIndex(s.dir);
    settleIndex(s.worktree);
    configureLfsFilter(s.dir);
    const main = gitSync(s.dir, ['rev-parse', 'main']);
    await expect(merge()).rejects.toMatchObject({ message: expect.stringContaining(`update ${s.dir} with model.bin`) });
    expect(gitSync(s.dir, ['rev-parse', 'main'])).toBe(main);
    expect(readFileSync(path.join(s.dir, 'model.bin'), 'utf8')).toBe(BASE_POINTER);

    gitSync(s.dir, ['-c', 'filter.lfs.process=', '-c', 'filter.lfs.clean=', 'commit', '--allow-empty', '-qm', 'moved']);
    await expect(rebaseOntoBase(s.worktree, 'main')).rejects.toMatchObject(refusal);
    expect(gitSync(s.worktree, ['rev-parse', 'HEAD'])).toBe(head);
    expect(s.read('model.bin')).toBe(SESSION_POINTER);
  });
});
