import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorOf } from '../test-support/error-of.js';
import { readWorktreeLines } from './worktree-file-lines.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'flotilla-lines-'));
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('readWorktreeLines', () => {
  it('returns the asked lines, clamped to the file, with its line count', async () => {
    writeFileSync(path.join(dir, 'a file.txt'), 'one\ntwo\r\nthree\nfour\n');
    expect(await readWorktreeLines(dir, 'a file.txt', 2, 3, 1000)).toEqual({
      path: 'a file.txt',
      start: 2,
      lines: ['two\r', 'three'],
      totalLines: 4,
    });
    expect((await readWorktreeLines(dir, 'a file.txt', 4, 50, 1000)).lines).toEqual(['four']);
    expect((await readWorktreeLines(dir, 'a file.txt', 9, 50, 1000)).lines).toEqual([]);
  });

  it('refuses a symlink, a missing file and a file above the size limit', async () => {
    writeFileSync(path.join(dir, 'big.txt'), 'x'.repeat(2000));
    symlinkSync('/etc/hostname', path.join(dir, 'link'));
    expect((await errorOf(readWorktreeLines(dir, 'link', 1, 5, 1000))).code).toBe('INVALID_PATH');
    expect((await errorOf(readWorktreeLines(dir, 'gone.txt', 1, 5, 1000))).code).toBe('NOT_FOUND');
    expect((await errorOf(readWorktreeLines(dir, 'big.txt', 1, 5, 1000))).code).toBe('INVALID_STATE');
  });
});
