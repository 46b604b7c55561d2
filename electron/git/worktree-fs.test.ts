import { execFileSync } from 'node:child_process';
import {
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorOf } from '../test-support/error-of.js';
import {
  anchoredByProc,
  lstatIn,
  readFileIn,
  readlinkIn,
  removeIn,
  symlinkIn,
  useProcForTests,
  writeFileIn,
} from './worktree-fs.js';

let root: string;
let worktree: string;
let outside: string;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'flotilla-wtfs-'));
  worktree = path.join(root, 'worktree');
  outside = path.join(root, 'outside');
  mkdirSync(path.join(worktree, 'd', 'sub'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(path.join(outside, 'f.txt'), 'outside\n');
  writeFileSync(path.join(worktree, 'd', 'f.txt'), 'inside\n');
  // `link` is a folder the agent swapped for a symlink to a folder outside the worktree.
  symlinkSync(outside, path.join(worktree, 'link'));
});

afterEach(() => {
  useProcForTests(true);
  rmSync(root, { recursive: true, force: true });
});

const outsideFiles = () => readdirSync(outside).sort();

describe.each([
  ['anchored through /proc/self/fd', true],
  ['the realpath re-check fallback', false],
])('worktree-fs, %s', (_name, proc) => {
  beforeEach(async () => {
    if (proc && !(await anchoredByProc())) return;
    useProcForTests(proc);
  });

  it('reads, stats, writes and removes inside the worktree', async () => {
    expect((await readFileIn(worktree, 'd/f.txt'))?.content.toString()).toBe('inside\n');
    expect((await lstatIn(worktree, 'd/f.txt'))?.isFile()).toBe(true);
    expect(await lstatIn(worktree, 'd/none')).toBeNull();
    expect(await lstatIn(worktree, 'gone/none')).toBeNull();
    expect(await readFileIn(worktree, 'gone/none')).toBeNull();
    await writeFileIn(worktree, 'new/deep/g.txt', 'made\n');
    expect(readFileSync(path.join(worktree, 'new/deep/g.txt'), 'utf8')).toBe('made\n');
    expect(await removeIn(worktree, 'new')).toBe(true);
    expect(existsSync(path.join(worktree, 'new'))).toBe(false);
    expect(await removeIn(worktree, 'new')).toBe(false);
    expect(readdirSync(worktree).filter((n) => n.includes('flotilla'))).toEqual([]);
  });

  it('refuses every operation through a symlinked folder, and leaves the outside alone', async () => {
    for (const op of [
      () => readFileIn(worktree, 'link/f.txt'),
      () => lstatIn(worktree, 'link/f.txt'),
      () => readlinkIn(worktree, 'link/f.txt'),
      () => writeFileIn(worktree, 'link/f.txt', 'agent\n'),
      () => writeFileIn(worktree, 'link/new.txt', 'agent\n'),
      () => symlinkIn(worktree, 'link/new-link', '/etc'),
      () => removeIn(worktree, 'link/f.txt'),
    ]) {
      const error = await errorOf(op());
      expect(error.code).toBe('INVALID_PATH');
      expect(error.message).toContain('symlink');
    }
    expect(outsideFiles()).toEqual(['f.txt']);
    expect(readFileSync(path.join(outside, 'f.txt'), 'utf8')).toBe('outside\n');
  });

  it('never follows the final symlink: reads refuse it, writes replace it, removal unlinks it', async () => {
    symlinkSync(path.join(outside, 'f.txt'), path.join(worktree, 'd', 'to-outside'));
    expect((await errorOf(readFileIn(worktree, 'd/to-outside'))).code).toBe('INVALID_PATH');
    expect(await readlinkIn(worktree, 'd/to-outside')).toBe(path.join(outside, 'f.txt'));
    await writeFileIn(worktree, 'd/to-outside', 'replaced\n');
    expect(lstatSync(path.join(worktree, 'd', 'to-outside')).isFile()).toBe(true);
    expect(readFileSync(path.join(outside, 'f.txt'), 'utf8')).toBe('outside\n');
    expect(await removeIn(worktree, 'link')).toBe(true);
    expect(existsSync(path.join(worktree, 'link'))).toBe(false);
    expect(outsideFiles()).toEqual(['f.txt']);
  });

  it('removes a folder without following symlinks inside it', async () => {
    symlinkSync(outside, path.join(worktree, 'd', 'sub', 'inner-link'));
    symlinkSync(path.join(outside, 'f.txt'), path.join(worktree, 'd', 'file-link'));
    writeFileSync(path.join(worktree, 'd', 'sub', 'x'), 'x');
    await removeIn(worktree, 'd');
    expect(existsSync(path.join(worktree, 'd'))).toBe(false);
    expect(outsideFiles()).toEqual(['f.txt']);
  });

  it('keeps a file’s mode, breaks a hard link to a file elsewhere rather than writing through it', async () => {
    writeFileSync(path.join(worktree, 'd', 'run.sh'), 'echo\n', { mode: 0o750 });
    await writeFileIn(worktree, 'd/run.sh', 'echo new\n');
    expect(lstatSync(path.join(worktree, 'd', 'run.sh')).mode & 0o777).toBe(0o750);
    linkSync(path.join(outside, 'f.txt'), path.join(worktree, 'd', 'hard.txt'));
    await writeFileIn(worktree, 'd/hard.txt', 'agent\n');
    expect(readFileSync(path.join(outside, 'f.txt'), 'utf8')).toBe('outside\n');
    expect(readFileSync(path.join(worktree, 'd', 'hard.txt'), 'utf8')).toBe('agent\n');
  });

  it('refuses a FIFO without blocking, and a file above the size limit', async () => {
    execFileSync('mkfifo', [path.join(worktree, 'd', 'pipe')]);
    expect((await errorOf(readFileIn(worktree, 'd/pipe'))).code).toBe('INVALID_PATH');
    expect((await errorOf(readFileIn(worktree, 'd/f.txt', 3))).code).toBe('INVALID_STATE');
    expect((await errorOf(readFileIn(worktree, 'd'))).code).toBe('INVALID_PATH');
    expect((await errorOf(readFileIn(worktree, '../outside/f.txt'))).code).toBe('INVALID_PATH');
  });
});
