import { lstatSync, mkdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { HeavyFolder, RepoSettings } from '../../../shared/worktree.js';
import { gitSync } from '../../git/fixtures/make-repo.js';
import { useTestSession } from '../../git/fixtures/make-session.js';
import type { SessionRecord } from '../../store/session-repository.js';
import { worktreeSetup } from '../worktrees/worktree-setup.js';

const s = useTestSession();
let notes: string[];

beforeEach(() => {
  notes = [];
  // An installed dependency, ignored by git like node_modules usually is.
  mkdirSync(path.join(s.dir, 'node_modules', 'left-pad'), { recursive: true });
  writeFileSync(path.join(s.dir, 'node_modules', 'left-pad', 'index.js'), 'x'.repeat(64 * 1024));
});

function setUp(heavyFolders: HeavyFolder[], setupCommand = ''): Promise<void> {
  const settings: RepoSettings = { repoPath: s.dir, copyFiles: [], setupCommand, setupTimeoutSec: 10, heavyFolders };
  const setup = worktreeSetup({
    settings: () => settings,
    env: process.env,
    note: (_id, detail) => notes.push(detail),
  });
  return setup({ id: 'abc', repoPath: s.dir, worktreePath: s.worktree } as SessionRecord);
}

describe('heavy folders', () => {
  it('clones a folder into the new worktree, before the setup command, and notes time and disk saved', async () => {
    await setUp([{ path: 'node_modules', mode: 'clone' }], 'ls node_modules/left-pad');
    const copied = path.join(s.worktree, 'node_modules', 'left-pad', 'index.js');
    expect(lstatSync(path.join(s.worktree, 'node_modules')).isDirectory()).toBe(true);
    expect(readFileSync(copied, 'utf8')).toHaveLength(64 * 1024);
    // A copy: writing to it leaves the repository's untouched.
    writeFileSync(copied, 'changed');
    expect(readFileSync(path.join(s.dir, 'node_modules', 'left-pad', 'index.js'), 'utf8')).toHaveLength(64 * 1024);
    expect(notes[0]).toMatch(/^heavy folder node_modules cloned in \d+ ms: 0\.\d MB, \d+\.\d MB saved on disk$/);
    expect(notes[1]).toMatch(/setup command ls node_modules\/left-pad finished\nindex\.js/);
  });

  it('links a folder when asked: all of it saved', async () => {
    await setUp([{ path: 'node_modules', mode: 'symlink' }]);
    const link = path.join(s.worktree, 'node_modules');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(path.join(s.dir, 'node_modules'));
    expect(readFileSync(path.join(link, 'left-pad', 'index.js'), 'utf8')).toHaveLength(64 * 1024);
    expect(notes).toEqual([
      expect.stringMatching(
        /^heavy folder node_modules linked in \d+ ms: (\S+ MB), \1 saved on disk; the link node_modules is not ignored by git/,
      ),
    ]);
  });

  it('has git ignore the link as the repository ignores the folder (node_modules/ does not match a link)', async () => {
    for (const dir of [s.dir, s.worktree]) writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\n');
    await setUp([{ path: 'node_modules', mode: 'symlink' }]);
    const exclude = path.join(s.dir, '.git', 'info', 'exclude');
    expect(notes[0]).toContain(`; added /node_modules to ${exclude}, so git ignores the link as it ignores the folder`);
    expect(readFileSync(exclude, 'utf8')).toMatch(/\n\/node_modules\n$/);
    expect(gitSync(s.worktree, ['status', '--porcelain', '--', 'node_modules'])).toBe('');
  });

  it('notes a missing folder or one already in the worktree without failing the session', async () => {
    s.write('vendor/keep.txt', 'tracked\n');
    mkdirSync(path.join(s.dir, 'vendor'), { recursive: true });
    await setUp([
      { path: '.venv', mode: 'clone' },
      { path: 'vendor', mode: 'symlink' },
      { path: '../outside', mode: 'symlink' },
    ]);
    expect(notes).toEqual([
      'heavy folders not brought in: .venv (not in the repository), vendor (already in the worktree)',
    ]);
    expect(lstatSync(path.join(s.worktree, 'vendor')).isDirectory()).toBe(true);
  });
});
