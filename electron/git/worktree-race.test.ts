import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hunkHash, splitHunks } from '../../shared/patch-hunks.js';
import { commitChanges } from './commit-changes.js';
import { computeFilePatch } from './diff-file.js';
import { discardChanges } from './discard-changes.js';
import { commitFile, gitSync } from './fixtures/make-repo.js';
import { useTestSession } from './fixtures/make-session.js';
import { revertFile } from './revert-file.js';
import { revertHunk, type HunkRef } from './revert-hunk.js';
import { readWorktreeLines } from './worktree-file-lines.js';
import { writeFileIn } from './worktree-fs.js';
import { confineToWorktree } from './worktree-path.js';

/**
 * A hostile agent swaps the folder `d` in its worktree with a symlink to a folder outside it every ~0.5 ms
 * while the user reverts, reads or commits files under `d`. Whatever the timing, nothing outside may be
 * deleted, changed or read back. Bounded: at most CALLS calls or SECONDS seconds per method.
 */
const SWAPPER = fileURLToPath(new URL('./fixtures/swap-symlink.mjs', import.meta.url));
const CALLS = 400;
const SECONDS = 10;

const numbered = (n: number, mark = (i: number) => `line ${i}`) =>
  Array.from({ length: n }, (_, i) => mark(i + 1)).join('\n') + '\n';
const BASE = numbered(30);
const CHANGED = numbered(30, (i) => (i === 3 ? 'line 3 chosen by the agent' : `line ${i}`));
const INSIDE = { victim: 'agent file\n', 'f.txt': CHANGED, 'notes.txt': 'inside notes\n' };
const OUTSIDE = { victim: 'SECRET victim\n', 'f.txt': CHANGED, 'notes.txt': 'SECRET notes\n' };

const s = useTestSession();
let outside: string;
let swapper: ChildProcess | null = null;

beforeEach(async () => {
  commitFile(s.dir, 'd/f.txt', BASE);
  gitSync(s.worktree, ['merge', '--quiet', '--ff-only', 'main']);
  for (const [file, content] of Object.entries(INSIDE)) s.write(`d/${file}`, content);
  outside = mkdtempSync(path.join(tmpdir(), 'flotilla-outside-'));
  for (const [file, content] of Object.entries(OUTSIDE)) writeFileSync(path.join(outside, file), content);
});

afterEach(async () => {
  swapper?.kill('SIGKILL');
  swapper = null;
  rmSync(outside, { recursive: true, force: true });
});

async function startSwapping(): Promise<void> {
  const child = spawn(process.execPath, [SWAPPER, s.worktree, 'd', outside, JSON.stringify(INSIDE)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  swapper = child;
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`swapper exited (${code})`)));
    child.stdout?.once('data', () => resolve());
  });
}

/** The outside folder as it was made: nothing deleted, changed or added. */
function outsideIntact(): void {
  expect(readdirSync(outside).sort()).toEqual(Object.keys(OUTSIDE).sort());
  for (const [file, content] of Object.entries(OUTSIDE))
    expect(readFileSync(path.join(outside, file), 'utf8'), file).toBe(content);
}

/**
 * Calls `call` (as the engine does: confine the client's path, then act) until the bounds, checking after
 * each call that the outside folder is intact and that nothing the call returned came from it.
 */
async function race(name: string, call: () => Promise<unknown>): Promise<{ calls: number; ok: number }> {
  await startSwapping();
  const until = Date.now() + SECONDS * 1000;
  let calls = 0;
  let ok = 0;
  while (calls < CALLS && Date.now() < until) {
    calls += 1;
    const answer = await call().then(
      (value) => {
        ok += 1;
        return value;
      },
      (error: unknown) => error,
    );
    const leaked = JSON.stringify(answer ?? null).includes('SECRET');
    if (leaked) throw new Error(`${name}: call ${calls} read outside the worktree: ${JSON.stringify(answer)}`);
    try {
      outsideIntact();
    } catch (error) {
      throw new Error(`${name}: call ${calls} changed outside the worktree: ${String(error)}`);
    }
  }
  console.info(`${name}: ${calls} calls, ${ok} succeeded, outside intact`);
  return { calls, ok };
}

async function hunkOf(file: string): Promise<HunkRef> {
  const patch = await computeFilePatch(s.worktree, 'main', file);
  const [hunk] = splitHunks(patch.patch);
  if (!hunk) throw new Error(`no hunk in ${file}`);
  return { header: hunk.header, hash: hunkHash(hunk) };
}

describe('a folder swapped with a symlink while the user acts on files in it', () => {
  it('revertFile never deletes outside the worktree', { timeout: 30_000 }, async () => {
    // An added file (removed by the revert) and a changed one (written back from the base), in turn.
    let n = 0;
    await race('revertFile', async () => {
      const requested = (n += 1) % 2 === 1 ? 'd/victim' : 'd/f.txt';
      await revertFile(s.worktree, 'main', await confineToWorktree(s.worktree, requested));
    });
  });

  it('revertHunk never writes outside the worktree', { timeout: 30_000 }, async () => {
    const hunk = await hunkOf('d/f.txt');
    await race('revertHunk', async () =>
      revertHunk(s.worktree, 'main', await confineToWorktree(s.worktree, 'd/f.txt'), hunk),
    );
  });

  it('discard never deletes or writes outside the worktree', { timeout: 30_000 }, async () => {
    await race('discard', () => discardChanges(s.worktree, 'main'));
  });

  it('file lines never come from outside the worktree', { timeout: 30_000 }, async () => {
    await race('fileLines', async () =>
      readWorktreeLines(s.worktree, await confineToWorktree(s.worktree, 'd/notes.txt'), 1, 10, 1 << 20),
    );
  });

  it('file patches never come from outside the worktree', { timeout: 30_000 }, async () => {
    await race('diffFile', async () =>
      computeFilePatch(s.worktree, 'main', await confineToWorktree(s.worktree, 'd/notes.txt')),
    );
  });

  it(
    'committing selected files or all never commits content from outside the worktree',
    { timeout: 30_000 },
    async () => {
      let n = 0;
      await race('commit', async () => {
        n += 1;
        // The agent's next edit, written only while `d` is its real folder (as the agent itself would).
        await writeFileIn(s.worktree, 'd/notes.txt', `inside notes ${n}\n`).catch(() => undefined);
        // The selected file, and everything, in turn.
        const file = await confineToWorktree(s.worktree, 'd/notes.txt');
        const result = await commitChanges(s.worktree, `commit ${n}`, n % 2 === 1 ? [file] : undefined);
        return gitSync(s.worktree, ['show', '--format=', 'HEAD']) + JSON.stringify(result);
      });
      expect(gitSync(s.worktree, ['log', '-p', '--format=']).includes('SECRET')).toBe(false);
    },
  );
});
