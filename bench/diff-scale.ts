import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { computeSessionDiff } from '../electron/git/diff-stats.js';

const IDENTITY = ['-c', 'user.name=Flotilla Bench', '-c', 'user.email=bench@flotilla.invalid'];

function git(cwd: string, args: string[]): void {
  execFileSync('git', [...IDENTITY, ...args], { cwd, stdio: 'ignore' });
}

function write(root: string, file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

const lines = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag} line ${i}`).join('\n') + '\n';

/**
 * Diff stats of a session that changed 1,000 files of a 2,000-file repo: 400 committed edits, 300
 * uncommitted edits, 100 deletions, 200 untracked files. Returns one duration per run, in ms.
 */
export async function diffScale(runs: number): Promise<number[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'flotilla-bench-diff-'));
  try {
    const repo = path.join(dir, 'repo');
    const worktree = path.join(dir, 'session');
    mkdirSync(repo);
    git(repo, ['init', '-q']);
    git(repo, ['symbolic-ref', 'HEAD', 'refs/heads/main']);
    for (let i = 0; i < 2000; i++) write(repo, `src/mod${i % 40}/file${i}.ts`, lines(40, `base ${i}`));
    git(repo, ['add', '-A']);
    git(repo, ['commit', '-qm', 'base']);
    git(repo, ['worktree', 'add', '-q', '-b', 'agent', worktree, 'main']);
    for (let i = 0; i < 400; i++) write(worktree, `src/mod${i % 40}/file${i}.ts`, lines(45, `edit ${i}`));
    git(worktree, ['add', '-A']);
    git(worktree, ['commit', '-qm', 'agent commit']);
    for (let i = 400; i < 700; i++) write(worktree, `src/mod${i % 40}/file${i}.ts`, lines(42, `edit ${i}`));
    for (let i = 700; i < 800; i++) rmSync(path.join(worktree, `src/mod${i % 40}/file${i}.ts`));
    for (let i = 0; i < 200; i++) write(worktree, `src/new/added${i}.ts`, lines(10, `new ${i}`));
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      const stats = await computeSessionDiff(worktree, 'main');
      times.push(performance.now() - started);
      if (stats.changedFiles !== 1000) throw new Error(`bench: expected 1000 changed files, got ${stats.changedFiles}`);
    }
    return times;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
