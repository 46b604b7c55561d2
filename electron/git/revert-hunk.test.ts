import { existsSync, rmSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hunkHash, splitHunks } from '../../shared/patch-hunks.js';
import { errorOf } from '../test-support/error-of.js';
import { computeFilePatch } from './diff-file.js';
import { computeSessionDiff } from './diff-stats.js';
import { commitFile, gitSync } from './fixtures/make-repo.js';
import { checkoutState, useTestSession } from './fixtures/make-session.js';
import { revertHunk, type HunkRef } from './revert-hunk.js';

const s = useTestSession();

const numbered = (n: number, mark = (i: number) => `line ${i}`) =>
  Array.from({ length: n }, (_, i) => mark(i + 1)).join('\n') + '\n';

/** The hunks of the file's patch as the viewer would show them now. */
async function hunksOf(file: string): Promise<HunkRef[]> {
  const patch = await computeFilePatch(s.worktree, 'main', file);
  return splitHunks(patch.patch).map((h) => ({ header: h.header, hash: hunkHash(h) }));
}

const changed = async () => (await computeSessionDiff(s.worktree, 'main')).files.map((f) => f.path);

/** Puts `content` on main (committed) and brings the session branch up to it. */
function onBase(file: string, content: string): void {
  commitFile(s.dir, file, content);
  gitSync(s.worktree, ['merge', '--quiet', '--ff-only', 'main']);
}

describe('revertHunk', () => {
  it('reverts a committed hunk and an uncommitted one of the same file, one at a time', async () => {
    onBase('app.txt', numbered(30));
    s.write(
      'app.txt',
      numbered(30, (i) => (i === 3 ? 'line 3 committed' : `line ${i}`)),
    );
    s.commitAll('agent');
    s.write(
      'app.txt',
      numbered(30, (i) => (i === 3 ? 'line 3 committed' : i === 25 ? 'line 25 dirty' : `line ${i}`)),
    );
    const main = checkoutState(s.dir);
    const headBefore = gitSync(s.worktree, ['rev-parse', 'HEAD']);
    const stagedBefore = gitSync(s.worktree, ['diff', '--cached', '--name-status']);

    const [committed, dirty] = await hunksOf('app.txt');
    await revertHunk(s.worktree, 'main', 'app.txt', committed!);
    expect(s.read('app.txt')).toBe(numbered(30, (i) => (i === 25 ? 'line 25 dirty' : `line ${i}`)));
    // Only the file was written: the branch, the session's index and the main checkout are as they were.
    expect(gitSync(s.worktree, ['rev-parse', 'HEAD'])).toBe(headBefore);
    expect(gitSync(s.worktree, ['diff', '--cached', '--name-status'])).toBe(stagedBefore);
    expect(checkoutState(s.dir)).toBe(main);

    // The other hunk as first shown is still valid: it did not change.
    await revertHunk(s.worktree, 'main', 'app.txt', dirty!);
    expect(s.read('app.txt')).toBe(numbered(30));
    expect(await changed()).toEqual([]);
  });

  it('refuses a hunk that changed since it was shown, and leaves the file alone', async () => {
    onBase('app.txt', numbered(10));
    s.write(
      'app.txt',
      numbered(10, (i) => (i === 5 ? 'five' : `line ${i}`)),
    );
    const [shown] = await hunksOf('app.txt');
    s.write(
      'app.txt',
      numbered(10, (i) => (i === 5 ? 'five, edited again' : `line ${i}`)),
    );
    const error = await errorOf(revertHunk(s.worktree, 'main', 'app.txt', shown!));
    expect(error.code).toBe('STALE_HUNK');
    expect(error.message).toContain('app.txt changed since');
    expect(s.read('app.txt')).toContain('five, edited again');
  });

  it('refuses a hunk whose lines moved, and reverts it as a fresh diff shows it', async () => {
    onBase('app.txt', numbered(40));
    s.write(
      'app.txt',
      numbered(40, (i) => (i === 30 ? 'thirty' : `line ${i}`)),
    );
    const [shown] = await hunksOf('app.txt');
    // An edit far above shifts the hunk's new line numbers, so its header changes: refused, not misapplied.
    s.write('app.txt', 'new first line\n' + numbered(40, (i) => (i === 30 ? 'thirty' : `line ${i}`)));
    expect((await errorOf(revertHunk(s.worktree, 'main', 'app.txt', shown!))).code).toBe('STALE_HUNK');
    const [, again] = await hunksOf('app.txt');
    await revertHunk(s.worktree, 'main', 'app.txt', again!);
    expect(s.read('app.txt')).toBe('new first line\n' + numbered(40));
  });

  it('removes an added file, restores a deleted one with its mode', async () => {
    onBase('tool.sh', '#!/bin/sh\necho hi\n');
    gitSync(s.dir, ['update-index', '--chmod=+x', 'tool.sh']);
    gitSync(s.dir, ['commit', '--quiet', '-m', 'exec']);
    gitSync(s.worktree, ['merge', '--quiet', '--ff-only', 'main']);
    rmSync(path.join(s.worktree, 'tool.sh'));
    await revertHunk(s.worktree, 'main', 'tool.sh', (await hunksOf('tool.sh'))[0]!);
    expect(s.read('tool.sh')).toBe('#!/bin/sh\necho hi\n');
    expect(statSync(path.join(s.worktree, 'tool.sh')).mode & 0o111).not.toBe(0);

    s.write('dir/new file.txt', 'a\nb\n');
    s.commitAll('agent');
    await revertHunk(s.worktree, 'main', 'dir/new file.txt', (await hunksOf('dir/new file.txt'))[0]!);
    expect(existsSync(path.join(s.worktree, 'dir/new file.txt'))).toBe(false);
    expect(await changed()).toEqual([]);
  });

  it('keeps "no newline at end of file" and CRLF line endings as they were', async () => {
    onBase('end.txt', 'a\nb\nc');
    s.write('end.txt', 'a\nb\nc\nd\n');
    await revertHunk(s.worktree, 'main', 'end.txt', (await hunksOf('end.txt'))[0]!);
    expect(s.read('end.txt')).toBe('a\nb\nc');

    onBase('win.txt', 'one\r\ntwo\r\nthree\r\n');
    s.write('win.txt', 'one\r\nTWO\r\nthree\r\n');
    await revertHunk(s.worktree, 'main', 'win.txt', (await hunksOf('win.txt'))[0]!);
    expect(s.read('win.txt')).toBe('one\r\ntwo\r\nthree\r\n');
    expect(await changed()).toEqual([]);
  });

  it('reverts a hunk of a renamed file at its new path, keeping the rename', async () => {
    onBase('old name.txt', numbered(20));
    gitSync(s.worktree, ['mv', 'old name.txt', 'new name.txt']);
    s.write(
      'new name.txt',
      numbered(20, (i) => (i === 10 ? 'ten' : `line ${i}`)),
    );
    s.commitAll('rename and edit');
    const patch = await computeFilePatch(s.worktree, 'main', 'new name.txt', 'old name.txt');
    const [hunk] = splitHunks(patch.patch);
    await revertHunk(
      s.worktree,
      'main',
      'new name.txt',
      { header: hunk!.header, hash: hunkHash(hunk!) },
      'old name.txt',
    );
    expect(s.read('new name.txt')).toBe(numbered(20));
    const diff = await computeSessionDiff(s.worktree, 'main');
    expect(diff.files.map((f) => [f.status, f.path, f.additions, f.deletions])).toEqual([
      ['renamed', 'new name.txt', 0, 0],
    ]);
  });

  it('refuses a symlink (its diff is the link text, not a file to edit)', async () => {
    gitSync(s.worktree, ['config', 'core.symlinks', 'true']);
    s.write('target.txt', 'x\n');
    symlinkSync('target.txt', path.join(s.worktree, 'link'));
    const [hunk] = await hunksOf('link');
    expect((await errorOf(revertHunk(s.worktree, 'main', 'link', hunk!))).code).toBe('INVALID_PATH');
  });
});
