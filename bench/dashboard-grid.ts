import type { Page } from 'playwright-core';
import type { SessionManager } from '../electron/engine/index.js';
import type { RunningHost } from '../electron/host/host-server.js';
import { sleep, until } from './bench-host.js';
import { chromiumAvailable, CHROMIUM, launchChromium } from './chromium.js';
import { percentile } from './stats.js';

export interface GridLongTasksOptions {
  /** Sessions in the grid (default 50). */
  sessions?: number;
  /** How many of them flood at once (default 10). */
  flooding?: number;
  /** MB each flooding session writes (default 2: `flood 2`). */
  megabytes?: number;
}

export interface GridLongTasks {
  sessions: number;
  flooding: number;
  /** From the floods sent until every one printed "Flood done." (and the grid had 500 ms to catch up). */
  floodMs: number;
  /** Main-thread tasks over 50 ms on the dashboard page during the floods. */
  longTasks: { count: number; maxMs: number; totalMs: number };
  /** Intervals between animation frames during the floods: 16.7 ms is smooth, long ones are dropped frames. */
  frames: { count: number; p95Ms: number; maxMs: number };
}

type PageProbe = { longTasks: { start: number; ms: number }[]; frames: number[]; recording: boolean; from: number };

/** Installed before the dashboard loads: long tasks always (they are reported late), frame times while `recording`. */
function installProbe(): void {
  const g = globalThis as unknown as { gridProbe: PageProbe };
  g.gridProbe = { longTasks: [], frames: [], recording: false, from: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) g.gridProbe.longTasks.push({ start: entry.startTime, ms: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  const tick = (at: number) => {
    if (g.gridProbe.recording) g.gridProbe.frames.push(at);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** Starts recording; stopping returns the frames and the long tasks that began since the start. */
function setRecording(page: Page, recording: boolean): Promise<{ longTasks: number[]; frames: number[] }> {
  return page.evaluate(async (on) => {
    const probe = (globalThis as unknown as { gridProbe: PageProbe }).gridProbe;
    if (on) probe.from = performance.now();
    // A long task is reported after it ends: give the observer a frame to deliver the last ones.
    else await new Promise((resolve) => setTimeout(resolve, 100));
    probe.recording = on;
    const longTasks = probe.longTasks.filter((t) => t.start >= probe.from).map((t) => t.ms);
    return { longTasks, frames: probe.frames };
  }, recording);
}

/**
 * The grid under load, as a user's browser sees it: `sessions` demo sessions in the dashboard in
 * Chromium, `flooding` of them writing `megabytes` MB each at once, and the page's long tasks and frame
 * intervals meanwhile. Returns figures only (no thresholds); undefined, saying why, without Chromium.
 * Creates its sessions one at a time and removes them afterwards.
 */
export async function gridLongTasks(
  manager: SessionManager,
  host: RunningHost,
  repo: string,
  options: GridLongTasksOptions = {},
): Promise<GridLongTasks | undefined> {
  const { sessions = 50, flooding = 10, megabytes = 2 } = options;
  if (!chromiumAvailable()) {
    console.log(`bench: skipping the dashboard grid: ${CHROMIUM} is missing (apt-get install chromium)`);
    return undefined;
  }
  const ids: string[] = [];
  const browser = await launchChromium();
  try {
    // One at a time: concurrent `git worktree add` in one repo can trip over git's own locks.
    for (let i = 1; i <= sessions; i++) {
      const [session] = await manager.create({ repoPath: repo, provider: 'demo', prompt: '', name: `grid #${i}` });
      if (session) ids.push(session.id);
    }
    await until(() => ids.every((id) => manager.get(id).status === 'idle'), 120_000);

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript(installProbe);
    const page = await context.newPage();
    await page.goto(host.url);
    await page
      .getByRole('article')
      .nth(sessions - 1)
      .waitFor({ timeout: 60_000 });
    await sleep(1000);

    const floods = ids.slice(0, flooding);
    const done = new Set<string>();
    const stop = manager.subscribe((event) => {
      if (event.name === 'session.output' && event.payload.data.includes('Flood done.')) done.add(event.payload.id);
    });
    await setRecording(page, true);
    const began = performance.now();
    try {
      for (const id of floods) await manager.send(id, `flood ${megabytes}`);
      await until(() => floods.every((id) => done.has(id)), 180_000);
    } finally {
      stop();
    }
    await sleep(500);
    const floodMs = performance.now() - began;
    const probe = await setRecording(page, false);

    const intervals = probe.frames.slice(1).map((at, i) => at - (probe.frames[i] ?? at));
    const round = (ms: number) => Math.round(ms * 10) / 10;
    return {
      sessions,
      flooding,
      floodMs: Math.round(floodMs),
      longTasks: {
        count: probe.longTasks.length,
        maxMs: round(Math.max(0, ...probe.longTasks)),
        totalMs: round(probe.longTasks.reduce((a, b) => a + b, 0)),
      },
      frames: {
        count: intervals.length,
        p95Ms: round(intervals.length ? percentile(intervals, 0.95) : 0),
        maxMs: round(Math.max(0, ...intervals)),
      },
    };
  } finally {
    await browser.close();
    await manager.kill(ids).catch(() => undefined);
    for (const id of ids) await manager.remove(id, true).catch(() => undefined);
  }
}
