import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DIFF_LIMITS } from './diff-stats.js';
import { computeFilePatch } from './diff-file.js';
import { commitFile, gitSync } from './fixtures/make-repo.js';
import { checkoutState, useTestSession } from './fixtures/make-session.js';
import { confineToWorktree } from './worktree-path.js';

const s = useTestSession();

describe('computeFilePatch', () => {
  it('returns the unified patch of a modified file without touching the index', async () => {
    s.write('README.md', '# fixture\nsecond line\n');
    const before = checkoutState(s.worktree);
    const patch = await computeFilePatch(s.worktree, 'main', 'README.md');
    expect(patch.kind).toBe('text');
    expect(patch.patch).toContain('+second line');
    expect(patch).toMatchObject({ oldSize: 10, newSize: 22, patchSize: null });
    expect(checkoutState(s.worktree)).toBe(before);
  });

  it('diffs an untracked file with a unicode name as added', async () => {
    s.write('nouveau dossier/é.txt', 'bonjour\n');
    const patch = await computeFilePatch(s.worktree, 'main', 'nouveau dossier/é.txt');
    expect(patch).toMatchObject({ kind: 'text', oldSize: null, newSize: 8 });
    expect(patch.patch).toContain('new file mode');
    expect(patch.patch).toContain('+bonjour');
    expect(patch.patch).toContain('é.txt');
  });

  it('diffs a deleted file and a rename with its old path', async () => {
    commitFile(s.dir, 'a.txt', 'one\ntwo\nthree\nfour\n');
    gitSync(s.worktree, ['merge', '--quiet', '--ff-only', 'main']);
    gitSync(s.worktree, ['mv', 'a.txt', 'b.txt']);
    rmSync(path.join(s.worktree, 'README.md'));

    const deleted = await computeFilePatch(s.worktree, 'main', 'README.md');
    expect(deleted).toMatchObject({ kind: 'text', newSize: null });
    expect(deleted.patch).toContain('deleted file mode');

    const renamed = await computeFilePatch(s.worktree, 'main', 'b.txt', 'a.txt');
    expect(renamed.kind).toBe('text');
    expect(renamed.patch).toContain('rename from a.txt');
  });

  it('reports binary files, and large files and patches with their sizes', async () => {
    s.write('blob.bin', Buffer.from([0, 159, 146, 150, 0, 1]));
    expect(await computeFilePatch(s.worktree, 'main', 'blob.bin')).toMatchObject({
      kind: 'binary',
      newSize: 6,
      patch: '',
    });

    s.write('big.txt', 'x\n'.repeat(3000));
    const limits = { ...DEFAULT_DIFF_LIMITS, maxTextBytes: 1000 };
    expect(await computeFilePatch(s.worktree, 'main', 'big.txt', null, limits)).toMatchObject({
      kind: 'large',
      newSize: 6000,
    });

    const small = { ...DEFAULT_DIFF_LIMITS, maxPatchBytes: 100 };
    const patch = await computeFilePatch(s.worktree, 'main', 'big.txt', null, small);
    expect(patch).toMatchObject({ kind: 'large', patch: '' });
    expect(patch.patchSize).toBeGreaterThan(6000);
  });

  it('answers unchanged for a file that is not part of the diff', async () => {
    expect((await computeFilePatch(s.worktree, 'main', 'README.md')).kind).toBe('unchanged');
    expect((await computeFilePatch(s.worktree, 'main', 'no/such/file.txt')).kind).toBe('unchanged');
  });

  it('shows a file with mixed line endings even when core.safecrlf would refuse to stage it', async () => {
    gitSync(s.dir, ['config', 'core.autocrlf', 'true']);
    gitSync(s.dir, ['config', 'core.safecrlf', 'true']);
    s.write('mixed.txt', 'a\r\nb\n');
    const patch = await computeFilePatch(s.worktree, 'main', 'mixed.txt');
    expect(patch).toMatchObject({ kind: 'text', patch: expect.stringContaining('+b\n') });
  });

  it('shows a CRLF change with its carriage returns', async () => {
    commitFile(s.dir, 'win.txt', 'a\r\nb\r\n');
    gitSync(s.worktree, ['merge', '--quiet', '--ff-only', 'main']);
    s.write('win.txt', 'a\r\nc\r\n');
    const patch = await computeFilePatch(s.worktree, 'main', 'win.txt');
    expect(patch.patch).toContain('+c\r\n');
  });
});

describe('confineToWorktree', () => {
  it('normalizes relative paths', async () => {
    expect(await confineToWorktree(s.worktree, './src//a b.txt')).toBe('src/a b.txt');
    expect(await confineToWorktree(s.worktree, 'deleted/dir/gone.txt')).toBe('deleted/dir/gone.txt');
  });

  it('rejects absolute paths, "..", .git and symlinked folders leading outside', async () => {
    mkdirSync(path.join(s.root, 'outside'));
    symlinkSync(path.join(s.root, 'outside'), path.join(s.worktree, 'escape'));
    for (const bad of [
      '/etc/passwd',
      '../repo/README.md',
      'a/../../x',
      '.git/config',
      'escape/secret',
      'escape/new/x',
      '',
    ]) {
      await expect(confineToWorktree(s.worktree, bad), bad).rejects.toMatchObject({ code: 'INVALID_PATH' });
    }
  });

  it('accepts a symlink itself (git diffs its target text, never follows it)', async () => {
    symlinkSync('/etc/passwd', path.join(s.worktree, 'link'));
    expect(await confineToWorktree(s.worktree, 'link')).toBe('link');
  });
});
