import type { SessionManager } from '../electron/engine/index.js';
import type { BenchClient } from './bench-host.js';
import { sleep, until } from './bench-host.js';

async function idleSessions(manager: SessionManager, repo: string, count: number): Promise<string[]> {
  const sessions = await manager.create({ repoPath: repo, provider: 'demo', prompt: '', count });
  const ids = sessions.map((s) => s.id);
  try {
    await until(() => ids.every((id) => manager.get(id).status === 'idle'), 120_000);
  } catch (error) {
    const states = ids.map((id) => `${id}:${manager.get(id).status}:${manager.get(id).error ?? ''}`).join(' ');
    throw new Error(`sessions did not all go idle: ${states}`, { cause: error });
  }
  return ids;
}

/** Keystroke -> echo at the client for one idle session while `flooding` others print as fast as they can. */
export async function keystrokeEcho(
  manager: SessionManager,
  viewer: BenchClient,
  repo: string,
  flooding: number,
  samples = 60,
): Promise<number[]> {
  const [typist, ...floods] = await idleSessions(manager, repo, flooding + 1);
  await viewer.client.invoke('session.subscribe', { id: typist! });
  for (const id of floods) await manager.send(id, 'flood 500');
  await sleep(500);
  const latencies: number[] = [];
  for (let i = 0; i < samples; i++) {
    const key = String.fromCharCode(97 + (i % 26));
    let arrived = 0;
    const stop = viewer.onOutput((id, data, at) => {
      if (id === typist && data.includes(key) && !arrived) arrived = at;
    });
    const sent = performance.now();
    await viewer.client.invoke('session.input', { id: typist!, data: key });
    await until(() => arrived > 0, 5000);
    stop();
    latencies.push(arrived - sent);
    await sleep(15);
  }
  await manager.kill([typist!, ...floods]);
  return latencies;
}

/** Ctrl-C during a flood -> the agent's "Interrupted." reaches the client. */
export async function ctrlC(
  manager: SessionManager,
  viewer: BenchClient,
  repo: string,
  samples = 5,
): Promise<number[]> {
  const [id] = await idleSessions(manager, repo, 1);
  await viewer.client.invoke('session.subscribe', { id: id! });
  const latencies: number[] = [];
  for (let i = 0; i < samples; i++) {
    let bytes = 0;
    let interrupted = 0;
    const stop = viewer.onOutput((sid, data, at) => {
      if (sid !== id) return;
      bytes += data.length;
      if (data.includes('Interrupted.')) interrupted = at;
    });
    await manager.send(id!, 'flood 500');
    await until(() => bytes > 2 * 1024 * 1024);
    const sent = performance.now();
    await viewer.client.invoke('session.input', { id: id!, data: '\x03' });
    await until(() => interrupted > 0, 10_000);
    stop();
    latencies.push(interrupted - sent);
    await until(() => manager.get(id!).status === 'idle');
  }
  await manager.kill([id!]);
  return latencies;
}

/** The question's last line reaches the client -> the `waiting` status event reaches the client. */
export async function statusLatency(
  manager: SessionManager,
  viewer: BenchClient,
  repo: string,
  samples = 10,
): Promise<number[]> {
  const [id] = await idleSessions(manager, repo, 1);
  await viewer.client.invoke('session.subscribe', { id: id! });
  const latencies: number[] = [];
  for (let i = 0; i < samples; i++) {
    let shown = 0;
    let waiting = 0;
    const stopOutput = viewer.onOutput((sid, data, at) => {
      if (sid === id && data.includes('2. No') && !shown) shown = at;
    });
    const stopStatus = viewer.client.on('session.status', ({ session }) => {
      if (session.id === id && session.status === 'waiting' && !waiting) waiting = performance.now();
    });
    await manager.send(id!, `task ${i}`);
    await until(() => shown > 0 && waiting > 0, 10_000);
    stopOutput();
    stopStatus();
    latencies.push(waiting - shown);
    await viewer.client.invoke('session.deny', { id: id! });
    await until(() => manager.get(id!).status === 'idle');
  }
  await manager.kill([id!]);
  return latencies;
}
