import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitFile, gitSync, rewriteAsOrphan } from './fixtures/make-repo.js';
import { CRLF_TEXT, ODD_NAMES } from './fixtures/odd-names.js';
import { useTestSession } from './fixtures/make-session.js';
import { squashMerge } from './squash-merge.js';

const s = useTestSession({ name: 'my repo ü' });

const merge = (message = 'Squashed session') =>
  squashMerge({ repo: s.dir, worktree: s.worktree, branch: s.branch, baseBranch: 'main', message });

describe('squashMerge', () => {
  it('adds one commit on the base and updates its clean checkout', async () => {
    s.write('a.txt', 'a\n');
    s.commitAll('first');
    s.write('b b.txt', 'b\n');
    s.commitAll('second');
    writeFileSync(path.join(s.dir, 'scratch.txt'), 'an untracked file of the user\n');

    const result = await merge('Add a and b');

    expect(result).toMatchObject({ baseBranch: 'main', previous: s.initialCommit, updatedCheckout: s.dir });
    expect(gitSync(s.dir, ['rev-parse', 'main'])).toBe(result.commit);
    expect(gitSync(s.dir, ['log', '-1', '--format=%s%n%P', 'main'])).toBe(`Add a and b\n${s.initialCommit}`);
    expect(gitSync(s.dir, ['show', '--name-only', '--format=', 'main']).split('\n').sort()).toEqual([
      'a.txt',
      'b b.txt',
    ]);
    expect(gitSync(s.dir, ['status', '--porcelain'])).toBe('?? scratch.txt');
    expect(gitSync(s.dir, ['show', 'HEAD:a.txt'])).toBe('a');
  });

  it('merges when the base moved without conflict, keeping both sides', async () => {
    s.write('a.txt', 'a\n');
    s.commitAll('session');
    const moved = commitFile(s.dir, 'c.txt', 'c\n');
    const result = await merge();
    expect(result.previous).toBe(moved);
    expect(gitSync(s.dir, ['ls-tree', '--name-only', 'main']).split('\n').sort()).toEqual([
      'README.md',
      'a.txt',
      'c.txt',
    ]);
  });

  it('refuses with MERGE_CONFLICT naming the files, changing nothing', async () => {
    s.write('README.md', 'session\n');
    s.commitAll('session');
    const moved = commitFile(s.dir, 'README.md', 'base\n');
    await expect(merge()).rejects.toMatchObject({
      code: 'MERGE_CONFLICT',
      message: expect.stringContaining('README.md'),
    });
    expect(gitSync(s.dir, ['rev-parse', 'main'])).toBe(moved);
  });

  it('refuses with BASE_DIRTY when the base checkout has local changes, changing nothing', async () => {
    s.write('a.txt', 'a\n');
    s.commitAll('session');
    writeFileSync(path.join(s.dir, 'README.md'), 'user edit\n');
    await expect(merge()).rejects.toMatchObject({ code: 'BASE_DIRTY', message: expect.stringContaining('README.md') });
    expect(gitSync(s.dir, ['rev-parse', 'main'])).toBe(s.initialCommit);
  });

  it('refuses with BASE_DIRTY when an untracked file in the base checkout would be overwritten', async () => {
    s.write('a.txt', 'from the session\n');
    s.commitAll('session');
    writeFileSync(path.join(s.dir, 'a.txt'), 'the user own untracked a.txt\n');
    await expect(merge()).rejects.toMatchObject({ code: 'BASE_DIRTY' });
    expect(gitSync(s.dir, ['rev-parse', 'main'])).toBe(s.initialCommit);
  });

  it('updates only the ref when the base branch is not checked out anywhere', async () => {
    gitSync(s.dir, ['checkout', '--quiet', '-b', 'elsewhere']);
    writeFileSync(path.join(s.dir, 'README.md'), 'dirty, but not on main\n');
    s.write('a.txt', 'a\n');
    s.commitAll('session');
    const result = await merge();
    expect(result.updatedCheckout).toBeNull();
    expect(gitSync(s.dir, ['rev-parse', 'main'])).toBe(result.commit);
    expect(gitSync(s.dir, ['status', '--porcelain'])).toBe('M README.md');
  });

  it('refuses uncommitted session work and a branch with nothing new', async () => {
    await expect(merge()).rejects.toMatchObject({ code: 'NOTHING_TO_MERGE' });
    s.write('a.txt', 'a\n');
    await expect(merge()).rejects.toMatchObject({ code: 'DIRTY_WORKTREE', message: expect.stringContaining('a.txt') });
  });

  it('refuses an orphan session branch with a clear reason naming both branches, changing nothing', async () => {
    rewriteAsOrphan(s.worktree, s.branch, 'fresh.txt', 'from scratch\n');
    const error = await merge().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_STATE', message: expect.stringContaining('no history') });
    expect((error as Error).message).toContain(`${s.branch} and main`);
    expect(gitSync(s.dir, ['rev-parse', 'main'])).toBe(s.initialCommit);
  });

  it('refuses when the base was rewritten to an unrelated history', async () => {
    s.write('a.txt', 'a\n');
    s.commitAll('session');
    const rewritten = rewriteAsOrphan(s.dir, 'main', 'new.txt', 'new start\n');
    await expect(merge()).rejects.toMatchObject({
      code: 'INVALID_STATE',
      message: expect.stringContaining('rewritten'),
    });
    expect(gitSync(s.dir, ['rev-parse', 'main'])).toBe(rewritten);
    expect(gitSync(s.dir, ['status', '--porcelain'])).toBe('');
  });

  it('merges odd names and CRLF files byte for byte, and the updated checkout stays clean', async () => {
    commitFile(s.dir, '.gitattributes', '*.win text eol=crlf\n');
    gitSync(s.worktree, ['merge', '--quiet', '--ff-only', 'main']);
    for (const name of ODD_NAMES) s.write(name, 'x\n');
    s.write('crlf.txt', CRLF_TEXT);
    s.write('notes.win', 'a\r\nb\r\n');
    s.commitAll('agent');
    const result = await merge();
    expect(result.updatedCheckout).toBe(s.dir);
    const files = gitSync(s.dir, ['ls-tree', '-r', '-z', '--name-only', 'main']).split('\0').filter(Boolean);
    expect(files.sort()).toEqual([...ODD_NAMES, '.gitattributes', 'README.md', 'crlf.txt', 'notes.win'].sort());
    expect(readFileSync(path.join(s.dir, 'crlf.txt'), 'utf8')).toBe(CRLF_TEXT);
    expect(readFileSync(path.join(s.dir, 'notes.win'), 'utf8')).toBe('a\r\nb\r\n');
    expect(readFileSync(path.join(s.dir, 'ünïcödé/файл.txt'), 'utf8')).toBe('x\n');
    expect(gitSync(s.dir, ['status', '--porcelain'])).toBe('');
  });

  it('names conflicting and dirty files with spaces and unicode as they are', async () => {
    s.write('ünï côdé.txt', 'session\r\n');
    s.commitAll('session');
    commitFile(s.dir, 'ünï côdé.txt', 'base\r\n');
    await expect(merge()).rejects.toMatchObject({
      code: 'MERGE_CONFLICT',
      message: expect.stringContaining('conflict in ünï côdé.txt;'),
    });
    gitSync(s.worktree, ['reset', '--quiet', '--hard', 'HEAD~1']);
    s.write('other.txt', 'x\n');
    s.commitAll('session again');
    writeFileSync(path.join(s.dir, 'ünï côdé.txt'), 'the user edits\r\n');
    await expect(merge()).rejects.toMatchObject({
      code: 'BASE_DIRTY',
      message: expect.stringContaining('(ünï côdé.txt)'),
    });
  });
});
