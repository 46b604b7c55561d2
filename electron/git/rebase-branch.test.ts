import { describe, expect, it, vi } from 'vitest';
import { commitFile, gitSync, rewriteAsOrphan } from './fixtures/make-repo.js';
import { CRLF_TEXT, ODD_NAMES } from './fixtures/odd-names.js';
import { checkoutState, useTestSession } from './fixtures/make-session.js';
import { rebaseOntoBase } from './rebase-branch.js';

const s = useTestSession();

describe('rebaseOntoBase', () => {
  it('says up to date when the base has not moved', async () => {
    s.write('a.txt', 'a\n');
    const head = s.commitAll('agent');
    expect(await rebaseOntoBase(s.worktree, 'main')).toEqual({ head, onto: s.initialCommit, upToDate: true });
  });

  it('replays the session commits on the moved base without touching the main checkout', async () => {
    s.write('a.txt', 'a\n');
    s.commitAll('agent');
    const moved = commitFile(s.dir, 'b.txt', 'b\n');
    const main = checkoutState(s.dir);
    const result = await rebaseOntoBase(s.worktree, 'main');
    expect(result).toMatchObject({ onto: moved, upToDate: false });
    expect(gitSync(s.worktree, ['rev-parse', 'HEAD~1'])).toBe(moved);
    expect(s.read('b.txt')).toBe('b\n');
    expect(checkoutState(s.dir)).toBe(main);
  });

  it('aborts on conflict, names the files and leaves the branch and worktree as they were', async () => {
    s.write('README.md', 'session version\n');
    s.write('other.txt', 'fine\n');
    const head = s.commitAll('agent');
    commitFile(s.dir, 'README.md', 'base version\n');
    const error = await rebaseOntoBase(s.worktree, 'main').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'REBASE_CONFLICT', message: expect.stringContaining('README.md') });
    expect(gitSync(s.worktree, ['rev-parse', 'HEAD'])).toBe(head);
    expect(gitSync(s.worktree, ['status', '--porcelain'])).toBe('');
    expect(gitSync(s.worktree, ['symbolic-ref', '--short', 'HEAD'])).toBe(s.branch);
  });

  it('refuses with DIRTY_WORKTREE while tracked files have uncommitted changes', async () => {
    commitFile(s.dir, 'b.txt', 'b\n');
    s.write('README.md', 'uncommitted\n');
    await expect(rebaseOntoBase(s.worktree, 'main')).rejects.toMatchObject({ code: 'DIRTY_WORKTREE' });
    expect(s.read('README.md')).toBe('uncommitted\n');
  });

  it('refuses a base rewritten to an unrelated history rather than grafting the old history onto it', async () => {
    s.write('a.txt', 'a\n');
    const head = s.commitAll('agent');
    rewriteAsOrphan(s.dir, 'main', 'new.txt', 'new start\n');
    await expect(rebaseOntoBase(s.worktree, 'main')).rejects.toMatchObject({
      code: 'INVALID_STATE',
      message: expect.stringContaining(`${s.branch} and main share no history`),
    });
    expect(gitSync(s.worktree, ['rev-parse', 'HEAD'])).toBe(head);
  });

  it('replays commits of odd names and CRLF files unchanged', async () => {
    for (const name of ODD_NAMES) s.write(name, 'x\n');
    s.write('crlf.txt', CRLF_TEXT);
    s.commitAll('agent');
    commitFile(s.dir, 'base file.txt', 'b\n');
    const result = await rebaseOntoBase(s.worktree, 'main');
    expect(result.upToDate).toBe(false);
    const files = gitSync(s.worktree, ['ls-tree', '-r', '-z', '--name-only', 'HEAD']).split('\0').filter(Boolean);
    expect(files.sort()).toEqual([...ODD_NAMES, 'README.md', 'base file.txt', 'crlf.txt'].sort());
    expect(gitSync(s.worktree, ['cat-file', 'blob', 'HEAD:crlf.txt'])).toBe('one\r\ntwo');
    expect(s.read('crlf.txt')).toBe(CRLF_TEXT);
    expect(gitSync(s.worktree, ['status', '--porcelain'])).toBe('');
  });

  it('names a conflicting file with spaces and unicode as it is, unquoted', async () => {
    commitFile(s.dir, 'ünï côdé.txt', 'base\r\n');
    gitSync(s.worktree, ['merge', '--quiet', '--ff-only', 'main']);
    s.write('ünï côdé.txt', 'session\r\n');
    const head = s.commitAll('agent');
    commitFile(s.dir, 'ünï côdé.txt', 'moved base\r\n');
    await expect(rebaseOntoBase(s.worktree, 'main')).rejects.toMatchObject({
      code: 'REBASE_CONFLICT',
      message: expect.stringContaining('conflicts in ünï côdé.txt;'),
    });
    expect(gitSync(s.worktree, ['rev-parse', 'HEAD'])).toBe(head);
    expect(s.read('ünï côdé.txt')).toBe('session\r\n');
  });

  it('reports why git stopped when it was not a conflict (here: no committer identity), branch unchanged', async () => {
    s.write('a.txt', 'a\n');
    const head = s.commitAll('agent');
    commitFile(s.dir, 'b.txt', 'b\n');
    vi.stubEnv('GIT_CONFIG_GLOBAL', '/dev/null');
    vi.stubEnv('GIT_CONFIG_NOSYSTEM', '1');
    vi.stubEnv('EMAIL', '');
    try {
      const error = await rebaseOntoBase(s.worktree, 'main').catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'GIT_FAILED', message: expect.stringContaining('identity') });
      expect((error as Error).message).toContain('the rebase was aborted and the branch is unchanged');
    } finally {
      vi.unstubAllEnvs();
    }
    expect(gitSync(s.worktree, ['rev-parse', 'HEAD'])).toBe(head);
    expect(gitSync(s.worktree, ['status', '--porcelain'])).toBe('');
  });
});
