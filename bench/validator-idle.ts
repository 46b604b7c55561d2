import { readFileSync } from 'node:fs';
import { SessionManager } from '../electron/engine/index.js';
import { resolveRepoRoot } from '../electron/git/repo-info.js';
import { createTempRepo } from '../electron/test-support/temp-repo.js';
import { sleep, until } from './bench-host.js';
import type { BenchRow } from './review-loop-rows.js';
import { summarize } from './stats.js';

const SESSIONS = 10;
/** Idle seconds measured per condition, in windows of WINDOW_SECONDS alternating between the two. */
const SECONDS = Number(process.env.BENCH_VALIDATOR_SECONDS ?? 30);
const WINDOW_SECONDS = 5;
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** This process's CPU seconds, and its reaped children's (the git and validator processes it ran). */
function cpuSeconds(): { own: number; children: number } {
  const usage = process.cpuUsage();
  let children = 0;
  try {
    // /proc/self/stat fields 16 and 17 (cutime, cstime), after the ")" that ends the command name.
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    children = (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND;
  } catch {
    // Not Linux: the host's own CPU only.
  }
  return { own: (usage.user + usage.system) / 1e6, children };
}

/** Host CPU (% of one core, its own and with its children) over one window of `seconds`. */
async function idleWindow(seconds: number): Promise<{ own: number; total: number }> {
  const start = cpuSeconds();
  const wall = performance.now();
  await sleep(seconds * 1000);
  const end = cpuSeconds();
  const elapsed = (performance.now() - wall) / 1000;
  return {
    own: ((end.own - start.own) / elapsed) * 100,
    total: ((end.own - start.own + end.children - start.children) / elapsed) * 100,
  };
}

/**
 * Idle host CPU with validators configured against none, same run (issue 15): 10 idle demo sessions,
 * measured first without validators, then with one (a small node check) after it ran once on each.
 * Validators run on events (idle with new content), never on a timer, so idle should cost the same.
 */
export async function validatorIdleRows(rows: BenchRow[]): Promise<void> {
  const temp = createTempRepo('validator-bench');
  const manager = await SessionManager.open({
    dataDir: temp.dataDir,
    env: { ...process.env, FLOTILLA_DEMO_BUSY_MS: '100' },
  });
  try {
    manager.updateSettings({ idleQuietMs: 300 });
    const diffed = new Set<string>();
    const stop = manager.subscribe((event) => {
      if (event.name === 'session.diff') diffed.add(event.payload.id);
    });
    const sessions = await manager.create({ repoPath: temp.repo, provider: 'demo', prompt: '', count: SESSIONS });
    const ids = sessions.map((s) => s.id);
    await until(() => ids.every((id) => manager.get(id).status === 'idle' && diffed.has(id)), 60_000);
    stop();
    await sleep(2000);

    const { validation } = manager.reviewLoop;
    const repo = await resolveRepoRoot(temp.repo);
    const check = { name: 'check', argv: ['node', '-e', "require('fs').readdirSync('.')"], timeoutSec: 60 };
    validation.store.set(repo, check);
    const runStart = performance.now();
    const reports = await Promise.all(ids.map((id) => validation.run(id)));
    const runMs = performance.now() - runStart;
    if (reports.some((r) => r.status !== 'passed')) throw new Error('a bench validation did not pass');
    await sleep(2000);
    // Alternating windows, so drift over the run (GC, the machine) weighs on both conditions alike.
    const none = { own: [] as number[], total: [] as number[] };
    const configured = { own: [] as number[], total: [] as number[] };
    for (let i = 0; i < Math.max(1, Math.round(SECONDS / WINDOW_SECONDS)); i++) {
      validation.store.remove(repo, check.name);
      const off = await idleWindow(WINDOW_SECONDS);
      none.own.push(off.own);
      none.total.push(off.total);
      validation.store.set(repo, check);
      const on = await idleWindow(WINDOW_SECONDS);
      configured.own.push(on.own);
      configured.total.push(on.total);
    }

    const label = `${SESSIONS} idle sessions, ${SECONDS} s each, alternating ${WINDOW_SECONDS} s windows`;
    rows.push({
      metric: `host CPU (${label}), validators configured`,
      value: summarize(configured.own),
      unit: '% of a core',
      baseline: summarize(none.own),
      baselineName: 'no validators',
      digits: 2,
    });
    rows.push({
      metric: `host + children CPU (${label}), validators configured`,
      value: summarize(configured.total),
      unit: '% of a core',
      baseline: summarize(none.total),
      baselineName: 'no validators',
      digits: 2,
    });
    rows.push({
      metric: `validate ${SESSIONS} sessions at once (1 node validator, auto concurrency)`,
      value: summarize([runMs]),
      unit: 'ms',
      digits: 0,
    });
  } finally {
    await manager.kill(manager.list().map((s) => s.id));
    for (const s of manager.list()) await manager.remove(s.id, true);
    await manager.close();
    await temp.cleanup();
  }
}
