import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeSessionDiff } from './diff-stats.js';
import { commitFile, gitSync } from './fixtures/make-repo.js';
import { CRLF_TEXT, ODD_NAMES } from './fixtures/odd-names.js';
import { checkoutState, useTestSession } from './fixtures/make-session.js';
import { revertFile } from './revert-file.js';

const s = useTestSession();

const changed = async () => (await computeSessionDiff(s.worktree, 'main')).files.map((f) => f.path);

describe('revertFile', () => {
  it('restores a modified file, committed or not, to its merge-base content', async () => {
    s.write('README.md', 'committed change\n');
    s.commitAll('agent');
    s.write('README.md', 'and more\n');
    s.write('keep.txt', 'keep\n');
    await revertFile(s.worktree, 'main', 'README.md');
    expect(s.read('README.md')).toBe('# fixture\n');
    expect(await changed()).toEqual(['keep.txt']);
  });

  it('removes an added file (untracked, staged or committed) and brings back a deleted one', async () => {
    s.write('committed new.txt', 'x\n');
    s.commitAll('agent');
    s.write('staged.txt', 'y\n');
    gitSync(s.worktree, ['add', 'staged.txt']);
    s.write('*.txt', 'a name that looks like a glob\n');
    s.write('other.txt', 'stays\n');
    rmSync(path.join(s.worktree, 'README.md'));
    for (const file of ['committed new.txt', 'staged.txt', '*.txt', 'README.md'])
      await revertFile(s.worktree, 'main', file);
    expect(existsSync(path.join(s.worktree, 'committed new.txt'))).toBe(false);
    expect(existsSync(path.join(s.worktree, 'staged.txt'))).toBe(false);
    expect(s.read('README.md')).toBe('# fixture\n');
    expect(await changed()).toEqual(['other.txt']);
  });

  it('reverts a rename with its old path and leaves the main checkout alone', async () => {
    commitFile(s.dir, 'old name.txt', 'content\n');
    gitSync(s.worktree, ['merge', '--quiet', '--ff-only', 'main']);
    gitSync(s.worktree, ['mv', 'old name.txt', 'new name.txt']);
    const main = checkoutState(s.dir);
    await revertFile(s.worktree, 'main', 'new name.txt', 'old name.txt');
    expect(s.read('old name.txt')).toBe('content\n');
    expect(existsSync(path.join(s.worktree, 'new name.txt'))).toBe(false);
    expect(await changed()).toEqual([]);
    expect(checkoutState(s.dir)).toBe(main);
  });

  it('reverts files with odd names, and restores a CRLF file byte for byte', async () => {
    commitFile(s.dir, 'crlf.txt', CRLF_TEXT);
    commitFile(s.dir, 'ünïcödé/kept file.txt', 'base\n');
    gitSync(s.worktree, ['merge', '--quiet', '--ff-only', 'main']);
    s.write('crlf.txt', 'one\r\nchanged\r\n');
    s.write('ünïcödé/kept file.txt', 'session\n');
    for (const name of ODD_NAMES) s.write(name, 'added\n');
    for (const file of ['crlf.txt', 'ünïcödé/kept file.txt', ...ODD_NAMES]) await revertFile(s.worktree, 'main', file);
    expect(s.read('crlf.txt')).toBe(CRLF_TEXT);
    expect(s.read('ünïcödé/kept file.txt')).toBe('base\n');
    for (const name of ODD_NAMES) expect(existsSync(path.join(s.worktree, name)), name).toBe(false);
    expect(await changed()).toEqual([]);
  });

  it('restores a file with an eol=crlf attribute with its CRLF line endings', async () => {
    commitFile(s.dir, '.gitattributes', '*.win text eol=crlf\n');
    commitFile(s.dir, 'notes.win', 'a\nb\n');
    gitSync(s.worktree, ['merge', '--quiet', '--ff-only', 'main']);
    expect(s.read('notes.win')).toBe('a\r\nb\r\n');
    s.write('notes.win', 'a\r\nchanged\r\n');
    await revertFile(s.worktree, 'main', 'notes.win');
    expect(s.read('notes.win')).toBe('a\r\nb\r\n');
    expect(await changed()).toEqual([]);
  });
});
