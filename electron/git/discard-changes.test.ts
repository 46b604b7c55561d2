import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discardChanges } from './discard-changes.js';
import { gitSync, rewriteAsOrphan } from './fixtures/make-repo.js';
import { checkoutState, useTestSession } from './fixtures/make-session.js';

const s = useTestSession();

describe('discardChanges', () => {
  it('drops uncommitted and untracked work, keeps commits and ignored files', async () => {
    s.write('.gitignore', '.env\n');
    const committed = s.commitAll('agent');
    s.write('.env', 'SECRET=1\n');
    s.write('README.md', 'changed\n');
    s.write('dir/new.txt', 'x\n');
    const main = checkoutState(s.dir);
    const { head } = await discardChanges(s.worktree, 'main');
    expect(head).toBe(committed);
    expect(gitSync(s.worktree, ['status', '--porcelain'])).toBe('');
    expect(s.read('README.md')).toBe('# fixture\n');
    expect(existsSync(path.join(s.worktree, 'dir'))).toBe(false);
    expect(s.read('.env')).toBe('SECRET=1\n');
    expect(checkoutState(s.dir)).toBe(main);
  });

  it('with commits, also takes the branch back to the merge-base', async () => {
    s.write('a.txt', 'a\n');
    s.commitAll('agent');
    const { head } = await discardChanges(s.worktree, 'main', true);
    expect(head).toBe(s.initialCommit);
    expect(existsSync(path.join(s.worktree, 'a.txt'))).toBe(false);
  });

  it('with commits, refuses a branch that shares no history with its base, changing nothing', async () => {
    const head = rewriteAsOrphan(s.worktree, s.branch, 'fresh.txt', 'from scratch\n');
    s.write('fresh.txt', 'edited\n');
    await expect(discardChanges(s.worktree, 'main', true)).rejects.toMatchObject({
      code: 'INVALID_STATE',
      message: expect.stringContaining(`${s.branch} and main share no history`),
    });
    expect(gitSync(s.worktree, ['rev-parse', 'HEAD'])).toBe(head);
    expect(s.read('fresh.txt')).toBe('edited\n');
  });
});

describe('discardChanges with symlinks and folders', () => {
  it('puts back a tracked folder the agent replaced with a symlink, and removes untracked folders', async () => {
    s.write('d/f.txt', 'tracked\n');
    s.write('d/run.sh', '#!/bin/sh\n');
    chmodSync(path.join(s.worktree, 'd/run.sh'), 0o755);
    s.commitAll('agent');
    const outside = mkdtempSync(path.join(tmpdir(), 'flotilla-outside-'));
    writeFileSync(path.join(outside, 'f.txt'), 'outside\n');
    try {
      rmSync(path.join(s.worktree, 'd'), { recursive: true });
      symlinkSync(outside, path.join(s.worktree, 'd'));
      s.write('new/deep/x.txt', 'x\n');
      await discardChanges(s.worktree, 'main');
      expect(lstatSync(path.join(s.worktree, 'd')).isDirectory()).toBe(true);
      expect(s.read('d/f.txt')).toBe('tracked\n');
      expect(statSync(path.join(s.worktree, 'd/run.sh')).mode & 0o100).toBe(0o100);
      expect(existsSync(path.join(s.worktree, 'new'))).toBe(false);
      expect(readdirSync(outside)).toEqual(['f.txt']);
      expect(readFileSync(path.join(outside, 'f.txt'), 'utf8')).toBe('outside\n');
      expect(gitSync(s.worktree, ['status', '--porcelain'])).toBe('');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
