import { readFileSync } from 'node:fs';
import { SessionManager } from '../electron/engine/index.js';
import { resolveRepoRoot } from '../electron/git/repo-info.js';
import { createTempRepo } from '../electron/test-support/temp-repo.js';
import { sleep, until } from './bench-host.js';
import type { BenchRow } from './review-loop-rows.js';
import { summarize } from './stats.js';

const SESSIONS = 10;
const SECONDS = Number(process.env.BENCH_VALIDATOR_SECONDS ?? 10);
const WINDOWS = 5;
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

/** Host CPU (% of one core, its own and with its children) over equal windows of `seconds`. */
async function idleCpu(seconds: number): Promise<{ own: number[]; total: number[] }> {
  const own: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < WINDOWS; i++) {
    const start = cpuSeconds();
    const wall = performance.now();
    await sleep((seconds * 1000) / WINDOWS);
    const end = cpuSeconds();
    const elapsed = (performance.now() - wall) / 1000;
    own.push(((end.own - start.own) / elapsed) * 100);
    total.push(((end.own - start.own + end.children - start.children) / elapsed) * 100);
  }
  return { own, total };
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
    const none = await idleCpu(SECONDS);

    const { validation } = manager.reviewLoop;
    validation.store.set(await resolveRepoRoot(temp.repo), {
      name: 'check',
      argv: ['node', '-e', "require('fs').readdirSync('.')"],
      timeoutSec: 60,
    });
    const runStart = performance.now();
    const reports = await Promise.all(ids.map((id) => validation.run(id)));
    const runMs = performance.now() - runStart;
    if (reports.some((r) => r.status !== 'passed')) throw new Error('a bench validation did not pass');
    await sleep(2000);
    const configured = await idleCpu(SECONDS);

    const label = `${SESSIONS} idle sessions, ${SECONDS} s`;
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
