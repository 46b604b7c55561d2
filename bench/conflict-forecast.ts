import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Session } from '../shared/session.js';
import { ConflictForecaster } from '../electron/engine/conflicts/conflict-forecast.js';
import { conflictingFiles, snapshotCommit } from '../electron/engine/conflicts/forecast-git.js';
import type { EventListener } from '../electron/engine/event-hub.js';
import { makeBenchRepo } from './bench-repo.js';
import type { BenchRow } from './review-loop-rows.js';
import { summarize } from './stats.js';

// Forecast time for 10 live sessions on a vite-sized repo (issue 15): 1,500 files, each session with a few
// changed files (committed and not), three of them on the same lines. A full pass is 10 merges against the
// base plus 45 pairs; the cached re-pass follows one session's change (9 pairs + its base merge).

const SESSIONS = 10;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const IDENTITY = ['-c', 'user.name=Flotilla Bench', '-c', 'user.email=bench@flotilla.invalid'];

function fileOf(repo: string, i: number): string {
  return path.join(repo, 'packages', `pkg-${i % 30}`, 'src', `dir-${i % 7}`, `file-${i}.ts`);
}

/** Ten worktrees on their own branches: three files each (two committed, one not), sessions 0-2 on file 0. */
function makeSessions(repo: string, dir: string): Session[] {
  const sessions: Session[] = [];
  for (let i = 0; i < SESSIONS; i++) {
    const worktree = path.join(dir, `wt-${i}`);
    execFileSync('git', ['-C', repo, 'worktree', 'add', '-q', '-b', `s${i}`, worktree, 'main']);
    const rel = (n: number) => path.relative(repo, fileOf(repo, n));
    const edits = [100 + i * 3, 101 + i * 3, ...(i < 3 ? [0] : [])];
    for (const n of edits) writeFileSync(path.join(worktree, rel(n)), `export const edited${n} = ${i};\n`);
    execFileSync('git', ['-C', worktree, 'add', '-A']);
    execFileSync('git', ['-C', worktree, ...IDENTITY, 'commit', '-qm', `session ${i}`]);
    writeFileSync(path.join(worktree, rel(102 + i * 3)), `export const uncommitted = ${i};\n`);
    sessions.push({
      id: `s${i}`,
      name: `s${i}`,
      status: 'idle',
      archivedAt: null,
      repoPath: repo,
      baseBranch: 'main',
      branch: `s${i}`,
      worktreePath: worktree,
    } as Session);
  }
  return sessions;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export async function conflictForecastRows(rows: BenchRow[]): Promise<void> {
  const { dir, repo } = makeBenchRepo(1500);
  try {
    const sessions = makeSessions(repo, dir);
    const full: number[] = [];
    const cached: number[] = [];
    const raw: number[] = [];
    let conflicts = 0;
    for (let run = 0; run < RUNS; run++) {
      let listener: EventListener = () => undefined;
      const forecaster = new ConflictForecaster({
        list: () => sessions,
        subscribe: (l) => ((listener = l), () => undefined),
        changed: () => undefined,
      });
      // Cold: every session snapshotted, 55 merges.
      full.push(await time(() => forecaster.pass()));
      conflicts = (await forecaster.list()).pairs.length;
      // One session changes: only it is snapshotted again and only its 10 merges run.
      writeFileSync(path.join(sessions[5]!.worktreePath, 'extra.ts'), `export const run = ${run};\n`);
      listener({ name: 'session.diff', payload: { id: 's5', stats: null, error: null } });
      cached.push(await time(() => forecaster.pass()));
      await forecaster.close();

      // Baseline, same run: the same 55 merge-trees, raw in a loop, on commits snapshotted beforehand.
      const counter = { runs: 0, mergeTrees: 0, snapshots: 0 };
      const commits: string[] = [];
      for (const s of sessions) commits.push((await snapshotCommit(s.worktreePath, counter)).commit);
      raw.push(
        await time(async () => {
          for (const c of commits) await conflictingFiles(repo, c, 'main', counter);
          for (let i = 0; i < commits.length; i++)
            for (let j = i + 1; j < commits.length; j++)
              await conflictingFiles(repo, commits[i]!, commits[j]!, counter);
        }),
      );
    }
    const label = `${SESSIONS} sessions, 1,500 files, ${conflicts} conflicting pairs`;
    rows.push({
      metric: `conflict forecast: full pass (${label}: 10 vs base + 45 pairs, snapshots included)`,
      value: summarize(full),
      unit: 'ms',
      baseline: summarize(raw),
      baselineName: '55 raw merge-trees in a loop (no snapshots)',
      digits: 0,
    });
    rows.push({
      metric: 'conflict forecast: re-pass after one session changed (cache)',
      value: summarize(cached),
      unit: 'ms',
      baseline: summarize(full),
      baselineName: 'full pass',
      digits: 0,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
