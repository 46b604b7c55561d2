import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hunkHash, splitHunks } from '../../../shared/patch-hunks.js';
import { gitSync } from '../../test-support/temp-repo.js';
import { waitForStatus } from '../../test-support/wait-for.js';
import { useTestEngine } from '../../test-support/test-engine.js';

// Hunk revert and context lines through the engine, as the viewer calls them.

const engine = useTestEngine();

const numbered = (n: number, edit: (i: number) => string | undefined = () => undefined) =>
  Array.from({ length: n }, (_, k) => edit(k + 1) ?? `line ${k + 1}`).join('\n') + '\n';

describe('session.revertHunk and session.fileLines on a session worktree', () => {
  it('reverts the hunk the viewer showed, reads worktree lines, and keeps both inside the worktree', async () => {
    writeFileSync(path.join(engine.temp.repo, 'notes.txt'), numbered(30));
    gitSync(engine.temp.repo, ['add', 'notes.txt']);
    gitSync(engine.temp.repo, ['commit', '--quiet', '-m', 'notes']);
    const [session] = await engine.tm.manager.create({ repoPath: engine.temp.repo, prompt: 'hunks' });
    await waitForStatus(engine.tm.manager, session!.id, 'waiting');
    const file = path.join(session!.worktreePath, 'notes.txt');
    writeFileSync(
      file,
      numbered(30, (i) => (i === 2 ? 'two' : i === 25 ? 'twenty-five' : undefined)),
    );
    const git = engine.tm.manager.git;

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
