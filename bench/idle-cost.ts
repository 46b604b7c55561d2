import { mirrorThread } from '../electron/engine/output/mirror-thread.js';
import { SessionManager } from '../electron/engine/index.js';
import type { Browser } from 'playwright-core';
import { until, sleep } from './bench-host.js';
import { restartToDashboard } from './restart-dashboard.js';

/**
 * Memory the host holds live (JS heap and buffers outside it, of the main and the screen mirror
 * thread). RSS would hide growth behind pages an earlier benchmark in this process left mapped.
 */
async function liveBytes(): Promise<number> {
  const usage = process.memoryUsage();
  const mirrors = await mirrorThread.memory();
  if (process.env.BENCH_DEBUG)
    console.log({ main: usage.heapUsed + usage.external, mirrors: mirrors.heapUsed + mirrors.external });
  return usage.heapUsed + usage.external + mirrors.heapUsed + mirrors.external;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export interface IdleCost {
  /** Host CPU over each of several equal windows of the idle period. */
  cpuPercentOfCore: number[];
  /** Live heap + external memory per idle session. */
  rssPerSessionMb: number;
  /** The engine reopened in this process: every session listed with its screen. */
  restartMs: number;
  /** `flotilla serve` started afresh until the dashboard in Chromium is complete; absent without Chromium. */
  dashboardRestartMs: number[];
}

async function cpuWindows(seconds: number, windows: number): Promise<number[]> {
  const percents: number[] = [];
  for (let i = 0; i < windows; i++) {
    const cpuStart = process.cpuUsage();
    const wallStart = performance.now();
    await sleep((seconds * 1000) / windows);
    const cpu = process.cpuUsage(cpuStart);
    percents.push(((cpu.user + cpu.system) / 1000 / (performance.now() - wallStart)) * 100);
  }
  return percents;
}

/**
 * 50 idle demo sessions: the host's own CPU over `seconds`, its memory growth per session, the time a
 * restarted engine takes to list them all with their screens, and (with a browser) the time a freshly
 * started `flotilla serve` takes until its dashboard shows them.
 */
export async function idleCost(
  dataDir: string,
  repo: string,
  count = 50,
  seconds = 30,
  browser?: Browser,
  restarts = 3,
): Promise<IdleCost> {
  let manager = await SessionManager.open({ dataDir, env: { ...process.env, FLOTILLA_DEMO_BUSY_MS: '100' } });
  gc();
  await sleep(200);
  const before = await liveBytes();
  // Idle means settled: each session's first diff (computed once its agent goes idle) is in, too.
  const diffed = new Set<string>();
  const stopDiffs = manager.subscribe((event) => {
    if (event.name === 'session.diff') diffed.add(event.payload.id);
  });
  const sessions = await manager.create({ repoPath: repo, provider: 'demo', prompt: '', count });
  const ids = sessions.map((s) => s.id);
  await until(() => ids.every((id) => manager.get(id).status === 'idle'), 60_000);
  await until(() => ids.every((id) => diffed.has(id)), 120_000);
  stopDiffs();
  await sleep(2000);
  gc();
  await sleep(200);
  const rssPerSessionMb = ((await liveBytes()) - before) / count / 1048576;
  const cpuPercentOfCore = await cpuWindows(seconds, 3);

  await manager.close();
  const restartStart = performance.now();
  manager = await SessionManager.open({ dataDir });
  const listed = manager.list();
  await Promise.all(listed.map((s) => manager.screen(s.id)));
  const restartMs = performance.now() - restartStart;
  if (listed.length !== count) throw new Error(`restart listed ${listed.length} of ${count} sessions`);
  const dashboardRestartMs: number[] = [];
  if (browser) {
    await manager.close();
    for (let i = 0; i < restarts; i++) dashboardRestartMs.push(await restartToDashboard(dataDir, browser, count));
    manager = await SessionManager.open({ dataDir });
  }
  await manager.kill(listed.map((s) => s.id));
  for (const s of listed) await manager.remove(s.id, true);
  await manager.close();
  return { cpuPercentOfCore, rssPerSessionMb, restartMs, dashboardRestartMs };
}
