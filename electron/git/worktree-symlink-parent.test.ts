import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hunkHash, splitHunks } from '../../shared/patch-hunks.js';
import { errorOf } from '../test-support/error-of.js';
import { commitChanges } from './commit-changes.js';
import { computeFilePatch } from './diff-file.js';
import { commitFile, gitSync } from './fixtures/make-repo.js';
import { useTestSession } from './fixtures/make-session.js';
import { revertFile } from './revert-file.js';
import { revertHunk, type HunkRef } from './revert-hunk.js';
import { readWorktreeLines } from './worktree-file-lines.js';

/**
 * The deterministic half of worktree-race.test.ts: the folder `d` was checked (the viewer showed its files)
 * and is a symlink to a folder outside the worktree by the time the method runs. Every per-file method
 * refuses, and nothing outside is deleted, changed or read.
 */
const numbered = (n: number, mark = (i: number) => `line ${i}`) =>
  Array.from({ length: n }, (_, i) => mark(i + 1)).join('\n') + '\n';
const CHANGED = numbered(30, (i) => (i === 3 ? 'line 3 chosen by the agent' : `line ${i}`));
const OUTSIDE = { victim: 'SECRET victim\n', 'f.txt': CHANGED, 'notes.txt': 'SECRET notes\n' };

const s = useTestSession();
let outside: string;
let hunk: HunkRef;

beforeEach(async () => {
  commitFile(s.dir, 'd/f.txt', numbered(30));
  gitSync(s.worktree, ['merge', '--quiet', '--ff-only', 'main']);
  s.write('d/f.txt', CHANGED);
  s.write('d/victim', 'agent file\n');
  s.write('d/notes.txt', 'inside notes\n');
  const [first] = splitHunks((await computeFilePatch(s.worktree, 'main', 'd/f.txt')).patch);
  if (!first) throw new Error('no hunk');
  hunk = { header: first.header, hash: hunkHash(first) };
  outside = mkdtempSync(path.join(tmpdir(), 'flotilla-outside-'));
  for (const [file, content] of Object.entries(OUTSIDE)) writeFileSync(path.join(outside, file), content);
  renameSync(path.join(s.worktree, 'd'), path.join(s.worktree, 'd.real'));
  symlinkSync(outside, path.join(s.worktree, 'd'));
});

afterEach(async () => {
  rmSync(outside, { recursive: true, force: true });
});

async function refused(call: () => Promise<unknown>): Promise<void> {
  const error = await errorOf(call());
  expect(error.code).toBe('INVALID_PATH');
  expect(error.message).toContain('symlink');
  expect(error.message).not.toContain('SECRET');
  expect(readdirSync(outside).sort()).toEqual(Object.keys(OUTSIDE).sort());
  for (const [file, content] of Object.entries(OUTSIDE))
    expect(readFileSync(path.join(outside, file), 'utf8')).toBe(content);
}

describe('a folder on the path that became a symlink after the check', () => {
  it('revertFile refuses, for an added file and for a changed one', async () => {
    await refused(() => revertFile(s.worktree, 'main', 'd/victim'));
    await refused(() => revertFile(s.worktree, 'main', 'd/f.txt'));
  });

  it('revertHunk refuses', async () => {
    await refused(() => revertHunk(s.worktree, 'main', 'd/f.txt', hunk));
  });

  it('file lines and the file patch refuse', async () => {
    await refused(() => readWorktreeLines(s.worktree, 'd/notes.txt', 1, 10, 1 << 20));
    await refused(() => computeFilePatch(s.worktree, 'main', 'd/notes.txt'));
  });

  it('committing the selected file refuses, and commits nothing', async () => {
    const head = gitSync(s.worktree, ['rev-parse', 'HEAD']);
    await refused(() => commitChanges(s.worktree, 'agent', ['d/notes.txt']));
    expect(gitSync(s.worktree, ['rev-parse', 'HEAD'])).toBe(head);
  });
});
