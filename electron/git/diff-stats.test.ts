import { existsSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FlotillaError } from '../../shared/errors.js';
import { DEFAULT_DIFF_LIMITS, computeSessionDiff } from './diff-stats.js';
import { commitFile, gitSync } from './fixtures/make-repo.js';
import { squashMerge } from './squash-merge.js';
import { checkoutState, makeSession, useTestSession } from './fixtures/make-session.js';

const s = useTestSession();

const byPath = (files: { path: string }[]) => Object.fromEntries(files.map((f) => [f.path, f]));

describe('computeSessionDiff', () => {
  it('counts commits, uncommitted changes and untracked files against the merge-base, .gitignore respected', async () => {
    s.write('.gitignore', 'build/\n');
    s.write('committed.txt', 'one\ntwo\n');
    s.commitAll('agent commit');
    s.write('README.md', '# changed\nmore\n');
    s.write('untracked new.txt', 'a\nb\nc\n');
    s.write('build/out.js', 'ignored\n');
    const before = { worktree: checkoutState(s.worktree), main: checkoutState(s.dir) };

    const diff = await computeSessionDiff(s.worktree, 'main');

    expect(diff.base).toBe(s.initialCommit);
    expect(diff.ahead).toBe(1);
    expect(diff.behind).toBe(0);
    const files = byPath(diff.files);
    expect(Object.keys(files).sort()).toEqual(['.gitignore', 'README.md', 'committed.txt', 'untracked new.txt']);
    expect(files['committed.txt']).toMatchObject({ status: 'added', additions: 2, deletions: 0, binary: false });
    expect(files['README.md']).toMatchObject({ status: 'modified', additions: 2, deletions: 1 });
    expect(files['untracked new.txt']).toMatchObject({ status: 'added', additions: 3 });
    expect(diff).toMatchObject({ changedFiles: 4, additions: 8, deletions: 1, truncated: false });
    // What Commit… can still take: not the agent's committed files.
    expect(diff.files.filter((f) => f.uncommitted).map((f) => f.path)).toEqual(['README.md', 'untracked new.txt']);
    // Nothing was staged, and neither index nor checkout changed.
    expect({ worktree: checkoutState(s.worktree), main: checkoutState(s.dir) }).toEqual(before);
    expect(existsSync(path.resolve(s.worktree, gitSync(s.worktree, ['rev-parse', '--git-path', 'index.lock'])))).toBe(
      false,
    );
  });

  it('reports renames, deletions and binary files', async () => {
    commitFile(s.dir, 'docs/long.txt', Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n') + '\n');
    gitSync(s.worktree, ['merge', '--quiet', '--ff-only', 'main']);
    gitSync(s.worktree, ['mv', 'docs/long.txt', 'docs/moved.txt']);
    s.write('docs/moved.txt', s.read('docs/moved.txt') + 'extra\n');
    rmSync(path.join(s.worktree, 'README.md'));
    s.write('image.bin', Buffer.from([0, 1, 2, 3, 0, 255]));

    const files = byPath((await computeSessionDiff(s.worktree, 'main')).files);

    expect(files['docs/moved.txt']).toMatchObject({
      status: 'renamed',
      oldPath: 'docs/long.txt',
      additions: 1,
      deletions: 0,
      uncommitted: true,
    });
    expect(files['README.md']).toMatchObject({ status: 'deleted', deletions: 1 });
    expect(files['image.bin']).toMatchObject({ status: 'added', binary: true, additions: 0 });
  });

  it('handles names with spaces, tabs, quotes and unicode, and CRLF files', async () => {
    commitFile(s.dir, 'crlf.txt', 'a\r\nb\r\n');
    gitSync(s.worktree, ['merge', '--quiet', '--ff-only', 'main']);
    const odd = ['with space.txt', 'tab\there.txt', 'quote"d.txt', 'ünïcödé/файл.txt', '-dash.txt'];
    for (const name of odd) s.write(name, 'x\n');
    s.write('crlf.txt', 'a\r\nB\r\n');

    const files = byPath((await computeSessionDiff(s.worktree, 'main')).files);

    for (const name of odd) expect(files[name], name).toMatchObject({ status: 'added', additions: 1 });
    expect(files['crlf.txt']).toMatchObject({ status: 'modified', additions: 1, deletions: 1 });
  });

  it('still computes when core.safecrlf would refuse to stage a file with mixed line endings', async () => {
    gitSync(s.dir, ['config', 'core.autocrlf', 'true']);
    gitSync(s.dir, ['config', 'core.safecrlf', 'true']);
    s.write('mixed.txt', 'a\r\nb\n');
    const files = byPath((await computeSessionDiff(s.worktree, 'main')).files);
    expect(files['mixed.txt']).toMatchObject({ status: 'added', additions: 2 });
  });

  it('sees a same-size edit made in the second the index was written (racy git), however late it looks', async () => {
    commitFile(s.dir, 'same.txt', 'a\nb\n');
    gitSync(s.worktree, ['merge', '--quiet', '--ff-only', 'main']);
    // The index records same.txt at an old time; the edit keeps its size and that time, and the index
    // itself was written in that second: only git's racy-entry check can tell the file changed.
    const then = Math.floor(Date.now() / 1000) - 100;
    const file = path.join(s.worktree, 'same.txt');
    utimesSync(file, then, then);
    gitSync(s.worktree, ['update-index', '--refresh']);
    s.write('same.txt', 'a\nB\n');
    utimesSync(file, then, then);
    utimesSync(path.resolve(s.worktree, gitSync(s.worktree, ['rev-parse', '--git-path', 'index'])), then, then);

    const files = byPath((await computeSessionDiff(s.worktree, 'main')).files);

    expect(files['same.txt']).toMatchObject({ status: 'modified', additions: 1, deletions: 1 });
  });

  it('counts commits behind when the base moved, keeping the merge-base', async () => {
    s.write('mine.txt', 'x\n');
    s.commitAll('mine');
    commitFile(s.dir, 'theirs.txt', 'y\n');
    const diff = await computeSessionDiff(s.worktree, 'main');
    expect(diff).toMatchObject({ base: s.initialCommit, ahead: 1, behind: 1, changedFiles: 1 });
    expect(diff.files[0]?.path).toBe('mine.txt');
  });

  it('says merged once a squash-merge put the work into the base, and not once the agent changes more', async () => {
    s.write('mine.txt', 'x\n');
    s.commitAll('mine');
    commitFile(s.dir, 'theirs.txt', 'y\n');
    expect((await computeSessionDiff(s.worktree, 'main')).merged).toBe(false);
    await squashMerge({ repo: s.dir, worktree: s.worktree, branch: s.branch, baseBranch: 'main', message: 'squash' });
    const merged = await computeSessionDiff(s.worktree, 'main');
    // The branch's own commit is not an ancestor of the squash commit: totals and "behind" stay as they were.
    expect(merged).toMatchObject({ merged: true, behind: 2, changedFiles: 1 });
    s.write('mine.txt', 'x\nmore\n');
    expect((await computeSessionDiff(s.worktree, 'main')).merged).toBe(false);
    s.commitAll('more');
    expect((await computeSessionDiff(s.worktree, 'main')).merged).toBe(false);
  });

  it('names the checkout of the base with uncommitted changes, so a refused merge is known before trying', async () => {
    s.write('mine.txt', 'x\n');
    writeFileSync(path.join(s.dir, 'user notes.txt'), 'untracked files do not stop a merge\n');
    expect((await computeSessionDiff(s.worktree, 'main')).baseStatus).toEqual({
      branch: 'main',
      missing: false,
      dirtyCheckout: null,
    });
    writeFileSync(path.join(s.dir, 'README.md'), 'the user is editing\n');
    expect((await computeSessionDiff(s.worktree, 'main')).baseStatus?.dirtyCheckout).toEqual({
      path: s.dir,
      changedFiles: 1,
    });
    gitSync(s.dir, ['checkout', '--quiet', '-b', 'elsewhere']);
    expect((await computeSessionDiff(s.worktree, 'main')).baseStatus?.dirtyCheckout).toBeNull();
  });

  it('does not look at the base checkout while the session has nothing to merge', async () => {
    writeFileSync(path.join(s.dir, 'README.md'), 'the user is editing\n');
    expect((await computeSessionDiff(s.worktree, 'main')).baseStatus?.dirtyCheckout).toBeNull();
  });

  it('lists an untracked file above the limit as large without storing it', async () => {
    s.write('huge.log', Buffer.alloc(2048, 'x'));
    const limits = { ...DEFAULT_DIFF_LIMITS, maxUntrackedBytes: 1024 };
    const diff = await computeSessionDiff(s.worktree, 'main', limits);
    expect(diff.files).toEqual([
      expect.objectContaining({ path: 'huge.log', large: true, size: 2048, status: 'added' }),
    ]);
    const blob = gitSync(s.dir, ['hash-object', path.join(s.worktree, 'huge.log')]);
    expect(() => gitSync(s.dir, ['cat-file', '-e', blob])).toThrow();
  });

  it('truncates the file list at the limit but counts every file', async () => {
    for (let i = 0; i < 5; i++) s.write(`f${i}.txt`, 'x\n');
    const diff = await computeSessionDiff(s.worktree, 'main', { ...DEFAULT_DIFF_LIMITS, maxListedFiles: 3 });
    expect(diff).toMatchObject({ changedFiles: 5, additions: 5, truncated: true });
    expect(diff.files).toHaveLength(3);
  });

  it('diffs against the empty tree when the branch shares no history with its base', async () => {
    gitSync(s.worktree, ['checkout', '--quiet', '--orphan', 'fresh']);
    gitSync(s.worktree, ['rm', '-rf', '--quiet', '.']);
    s.write('only.txt', 'x\n');
    s.commitAll('orphan');
    const diff = await computeSessionDiff(s.worktree, 'main');
    expect(diff.base).toBe(gitSync(s.dir, ['hash-object', '-t', 'tree', '/dev/null']));
    expect(diff.files.map((f) => f.path)).toEqual(['only.txt']);
  });

  it('fails with UNKNOWN_BASE when the base branch was deleted outside the app', async () => {
    gitSync(s.dir, ['checkout', '--quiet', '-b', 'other']);
    gitSync(s.dir, ['branch', '-D', 'main']);
    const error = await computeSessionDiff(s.worktree, 'main').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlotillaError);
    expect(error).toMatchObject({ code: 'UNKNOWN_BASE', message: expect.stringMatching(/no longer exists/) });
  });

  it('shows a changed submodule as one modified entry', async () => {
    const sub = await makeSession();
    try {
      gitSync(s.dir, ['-c', 'protocol.file.allow=always', 'submodule', 'add', '--quiet', sub.dir, 'sub']);
      gitSync(s.dir, ['commit', '--quiet', '-m', 'add submodule']);
      gitSync(s.worktree, ['merge', '--quiet', '--ff-only', 'main']);
      gitSync(s.worktree, ['-c', 'protocol.file.allow=always', 'submodule', 'update', '--quiet', '--init']);
      commitFile(path.join(s.worktree, 'sub'), 'inner.txt', 'x\n');
      const diff = await computeSessionDiff(s.worktree, 'main');
      expect(diff.files).toEqual([expect.objectContaining({ path: 'sub', status: 'modified', submodule: true })]);
    } finally {
      await sub.cleanup();
    }
  });

  it('diffs a symlink as its target text without following it', async () => {
    symlinkSync('/etc/passwd', path.join(s.worktree, 'link'));
    const diff = await computeSessionDiff(s.worktree, 'main');
    expect(diff.files).toEqual([expect.objectContaining({ path: 'link', status: 'added', additions: 1 })]);
  });
});
