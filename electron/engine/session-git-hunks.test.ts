import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hunkHash, splitHunks } from '../../shared/patch-hunks.js';
import { createTempRepo, gitSync, type TempRepo } from '../test-support/temp-repo.js';
import { openTestManager, type TestManager } from '../test-support/test-manager.js';
import { waitForStatus } from '../test-support/wait-for.js';

// Hunk revert and context lines through the engine, as the viewer calls them.

let temp: TempRepo;
let tm: TestManager;

beforeEach(async () => {
  temp = createTempRepo();
  tm = await openTestManager(temp.dataDir);
});

afterEach(async () => {
  try {
    expect(await tm.close(), 'agent processes outlived the manager').toEqual([]);
  } finally {
    await temp.cleanup();
  }
});

const numbered = (n: number, edit: (i: number) => string | undefined = () => undefined) =>
  Array.from({ length: n }, (_, k) => edit(k + 1) ?? `line ${k + 1}`).join('\n') + '\n';

describe('session.revertHunk and session.fileLines on a session worktree', () => {
  it('reverts the hunk the viewer showed, reads worktree lines, and keeps both inside the worktree', async () => {
    writeFileSync(path.join(temp.repo, 'notes.txt'), numbered(30));
    gitSync(temp.repo, ['add', 'notes.txt']);
    gitSync(temp.repo, ['commit', '--quiet', '-m', 'notes']);
    const [session] = await tm.manager.create({ repoPath: temp.repo, prompt: 'hunks' });
    await waitForStatus(tm.manager, session!.id, 'waiting');
    const file = path.join(session!.worktreePath, 'notes.txt');
    writeFileSync(
      file,
      numbered(30, (i) => (i === 2 ? 'two' : i === 25 ? 'twenty-five' : undefined)),
    );
    const git = tm.manager.git;

    const patch = await git.diffFile(session!.id, 'notes.txt');
    const [first, second] = splitHunks(patch.patch);
    const diff = await git.revertHunk(session!.id, 'notes.txt', { header: second!.header, hash: hunkHash(second!) });
    expect(diff.files).toEqual([expect.objectContaining({ path: 'notes.txt', additions: 1, deletions: 1 })]);
    expect(readFileSync(file, 'utf8')).toBe(numbered(30, (i) => (i === 2 ? 'two' : undefined)));
    // The same hunk again is gone: refused, not applied twice.
    await expect(
      git.revertHunk(session!.id, 'notes.txt', { header: second!.header, hash: hunkHash(second!) }),
    ).rejects.toMatchObject({ code: 'STALE_HUNK' });
    await git.revertHunk(session!.id, 'notes.txt', { header: first!.header, hash: hunkHash(first!) });
    expect((await git.diff(session!.id)).files).toEqual([]);

    expect(await git.fileLines(session!.id, 'notes.txt', 29, 40)).toEqual({
      path: 'notes.txt',
      start: 29,
      lines: ['line 29', 'line 30'],
      totalLines: 30,
    });
    const outside = { header: '@@ -1 +1 @@', hash: '0123456789abcdef' };
    await expect(git.revertHunk(session!.id, '../../etc/passwd', outside)).rejects.toMatchObject({
      code: 'INVALID_PATH',
    });
    await expect(git.fileLines(session!.id, '../outside.txt', 1, 2)).rejects.toMatchObject({ code: 'INVALID_PATH' });
    await expect(git.fileLines(session!.id, '.git/config', 1, 2)).rejects.toMatchObject({ code: 'INVALID_PATH' });
  });
});
