import { mirrorThread } from '../electron/engine/mirror-thread.js';
import { SessionManager } from '../electron/engine/session-manager.js';
import { until, sleep } from './bench-host.js';

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
  cpuPercentOfCore: number;
  /** Live heap + external memory per idle session. */
  rssPerSessionMb: number;
  restartMs: number;
}

/**
 * 50 idle demo sessions: the host's own CPU over `seconds`, its RSS growth per session, and the time a
 * restarted host takes to list them all with their screens.
 */
export async function idleCost(dataDir: string, repo: string, count = 50, seconds = 30): Promise<IdleCost> {
  let manager = await SessionManager.open({ dataDir, env: { ...process.env, FLOTILLA_DEMO_BUSY_MS: '100' } });
  gc();
  await sleep(200);
  const before = await liveBytes();
  const sessions = await manager.create({ repoPath: repo, provider: 'demo', prompt: '', count });
  const ids = sessions.map((s) => s.id);
  await until(() => ids.every((id) => manager.get(id).status === 'idle'), 60_000);
  await sleep(2000);
  gc();
  await sleep(200);
  const rssPerSessionMb = ((await liveBytes()) - before) / count / 1048576;

  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  await sleep(seconds * 1000);
  const cpu = process.cpuUsage(cpuStart);
  const cpuPercentOfCore = ((cpu.user + cpu.system) / 1000 / (performance.now() - wallStart)) * 100;

  await manager.close();
  const restartStart = performance.now();
  manager = await SessionManager.open({ dataDir });
  const listed = manager.list();
  await Promise.all(listed.map((s) => manager.screen(s.id)));
  const restartMs = performance.now() - restartStart;
  if (listed.length !== count) throw new Error(`restart listed ${listed.length} of ${count} sessions`);
  await manager.kill(listed.map((s) => s.id));
  for (const s of listed) await manager.remove(s.id, true);
  await manager.close();
  return { cpuPercentOfCore, rssPerSessionMb, restartMs };
}
