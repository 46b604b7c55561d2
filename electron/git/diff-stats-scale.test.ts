import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeFilePatch } from './diff-file.js';
import { computeSessionDiff } from './diff-stats.js';
import { gitSync } from './fixtures/make-repo.js';
import { makeSession, type TestSession } from './fixtures/make-session.js';

let s: TestSession;
const lines = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag} line ${i}`).join('\n') + '\n';

beforeAll(async () => {
  s = await makeSession();
  for (let i = 0; i < 2000; i++) s.write(`src/mod${i % 40}/file${i}.ts`, lines(40, `base ${i}`));
  s.commitAll('a 2,000-file base');
  gitSync(s.dir, ['merge', '--quiet', '--ff-only', s.branch]);
  // 1,000 changed files: 400 committed edits, 300 uncommitted edits, 100 deletions, 200 new untracked files.
  for (let i = 0; i < 400; i++) s.write(`src/mod${i % 40}/file${i}.ts`, lines(45, `edit ${i}`));
  s.commitAll('agent commit');
  for (let i = 400; i < 700; i++) s.write(`src/mod${i % 40}/file${i}.ts`, lines(42, `edit ${i}`));
  for (let i = 700; i < 800; i++) rmSync(path.join(s.worktree, `src/mod${i % 40}/file${i}.ts`));
  for (let i = 0; i < 200; i++) s.write(`src/new/added${i}.ts`, lines(10, `new ${i}`));
}, 120_000);

afterAll(async () => {
  await s.cleanup();
});

/** Prints how long the stats of a 1,000-file change take (a measurement, not a pass/fail timing). */
describe('diff stats at scale', () => {
  it('computes the stats of a 1,000-file change', async () => {
    const times: number[] = [];
    let changed = 0;
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      changed = (await computeSessionDiff(s.worktree, 'main')).changedFiles;
      times.push(performance.now() - started);
    }
    const started = performance.now();
    await computeFilePatch(s.worktree, 'main', 'src/mod5/file5.ts');
    const patchMs = performance.now() - started;
    const sorted = [...times].sort((a, b) => a - b);
    console.log(
      `diff stats, 1,000 changed files in a 2,000-file repo: first ${times[0]!.toFixed(0)} ms, ` +
        `median ${sorted[2]!.toFixed(0)} ms (5 runs); one file's patch ${patchMs.toFixed(0)} ms`,
    );
    expect(changed).toBe(1000);
  }, 120_000);
});
