import { rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitChanges } from './commit-changes.js';
import { commitFile, gitSync } from './fixtures/make-repo.js';
import { CRLF_TEXT, ODD_NAMES } from './fixtures/odd-names.js';
import { checkoutState, useTestSession } from './fixtures/make-session.js';

const s = useTestSession();

const status = () => gitSync(s.worktree, ['status', '--porcelain']);

describe('commitChanges', () => {
  it('commits every change, untracked and deleted files included, ignored files excluded', async () => {
    s.write('.gitignore', '*.log\n');
    s.write('new file.txt', 'x\n');
    s.write('debug.log', 'ignored\n');
    rmSync(path.join(s.worktree, 'README.md'));
    const main = checkoutState(s.dir);
    const result = await commitChanges(s.worktree, 'agent work');
    expect(result.files).toBe(3);
    expect(gitSync(s.worktree, ['log', '-1', '--format=%s'])).toBe('agent work');
    expect(result.commit).toBe(gitSync(s.dir, ['rev-parse', s.branch]));
    expect(status()).toBe('');
    expect(checkoutState(s.dir)).toBe(main);
  });

  it('commits only the selected files and leaves the rest as they were', async () => {
    s.write('a.txt', 'a\n');
    s.write('b.txt', 'b\n');
    s.write('[c].txt', 'c\n');
    gitSync(s.worktree, ['add', 'b.txt']);
    const result = await commitChanges(s.worktree, 'only a and [c]', ['a.txt', '[c].txt']);
    expect(result.files).toBe(2);
    expect(gitSync(s.worktree, ['show', '--name-only', '--format=', 'HEAD']).split('\n').sort()).toEqual([
      '[c].txt',
      'a.txt',
    ]);
    expect(status()).toBe('A  b.txt');
  });

  it('fails with INVALID_STATE when there is nothing to commit', async () => {
    await expect(commitChanges(s.worktree, 'empty')).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('commits selected files with spaces, tabs, quotes and unicode in their names, and CRLF files byte for byte', async () => {
    commitFile(s.dir, 'crlf.txt', CRLF_TEXT);
    gitSync(s.worktree, ['merge', '--quiet', '--ff-only', 'main']);
    for (const name of ODD_NAMES) s.write(name, 'x\r\n');
    s.write('crlf.txt', 'one\r\nTWO\r\n');
    s.write('left out.txt', 'stays uncommitted\n');
    const result = await commitChanges(s.worktree, 'odd names', [...ODD_NAMES, 'crlf.txt']);
    expect(result.files).toBe(ODD_NAMES.length + 1);
    const committed = gitSync(s.worktree, [
      '-c',
      'core.quotePath=false',
      'show',
      '--name-only',
      '-z',
      '--format=',
      'HEAD',
    ]);
    expect(committed.split('\0').filter(Boolean).sort()).toEqual([...ODD_NAMES, 'crlf.txt'].sort());
    expect(gitSync(s.worktree, ['cat-file', 'blob', 'HEAD:crlf.txt'])).toBe('one\r\nTWO');
    expect(gitSync(s.worktree, ['cat-file', 'blob', 'HEAD:ünïcödé/файл.txt'])).toBe('x');
    expect(status()).toBe('?? "left out.txt"');
  });

  it('commits a file whose eol attribute makes git store LF for CRLF in the worktree, leaving it clean', async () => {
    commitFile(s.dir, '.gitattributes', '*.win text eol=crlf\n');
    gitSync(s.worktree, ['merge', '--quiet', '--ff-only', 'main']);
    s.write('notes.win', 'a\r\nb\r\n');
    await commitChanges(s.worktree, 'windows file');
    expect(gitSync(s.worktree, ['cat-file', 'blob', 'HEAD:notes.win'])).toBe('a\nb');
    expect(s.read('notes.win')).toBe('a\r\nb\r\n');
    expect(status()).toBe('');
  });
});
