import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempRepo, type TempRepo } from '../test-support/temp-repo.js';
import { testEnv } from '../test-support/test-manager.js';
import { readHostFile, writeHostFile } from './host-file.js';
import { rotateToken } from './host-identity.js';
import { serve, type Serving } from './serve.js';

let temp: TempRepo;
const running: Serving[] = [];
const cleanups: (() => void | Promise<void>)[] = [];

async function start(port?: number): Promise<Serving> {
  const serving = await serve({ dataDir: temp.dataDir, env: testEnv(), ...(port !== undefined ? { port } : {}) });
  running.push(serving);
  return serving;
}

async function stop(serving: Serving): Promise<void> {
  await serving.stop();
  running.splice(running.indexOf(serving), 1);
}

const status = async (serving: { host: { port: number } }, token: string) =>
  (await fetch(`http://127.0.0.1:${serving.host.port}/healthz`, { headers: { Authorization: `Bearer ${token}` } }))
    .status;

beforeEach(() => {
  temp = createTempRepo();
});

afterEach(async () => {
  for (const serving of running.splice(0)) await serving.stop();
  for (const cleanup of cleanups.splice(0)) await cleanup();
  await temp.cleanup();
});

describe('serve', () => {
  it('keeps its token and its port across restarts, so an open tab reconnects', async () => {
    const first = await start();
    const { token } = first.host;
    const { port } = first.host;
    await stop(first);
    const second = await start();
    expect(second.host.token).toBe(token);
    expect(second.host.port).toBe(port);
    expect(second.notices).toEqual([]);
    expect(await status(second, token)).toBe(200);
  });

  it('falls back to a random port when the last one is taken, and says so', async () => {
    const first = await start();
    const { port } = first.host;
    await stop(first);
    const squatter: Server = createServer();
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', () => resolve()));
    cleanups.push(() => new Promise<void>((resolve) => squatter.close(() => resolve())));
    const second = await start();
    expect(second.host.port).not.toBe(port);
    expect(second.notices).toEqual([expect.stringContaining(`port ${port}, used last time, is taken`)]);
    expect(await status(second, second.host.token)).toBe(200);
  });

  it('a rotated token replaces the old one at the next start', async () => {
    const first = await start();
    const old = first.host.token;
    const fresh = await rotateToken(temp.dataDir);
    // The running host keeps the token it started with until it restarts.
    expect(await status(first, old)).toBe(200);
    await stop(first);
    const second = await start();
    expect(second.host.token).toBe(fresh);
    expect(await status(second, old)).toBe(401);
    expect(await status(second, fresh)).toBe(200);
    expect((await readHostFile(temp.dataDir))?.token).toBe(fresh);
  });

  it('a stale host.json naming a live unrelated process does not block the start', async () => {
    const unrelated = spawn('sleep', ['30'], { stdio: 'ignore' });
    cleanups.push(() => void unrelated.kill('SIGKILL'));
    mkdirSync(temp.dataDir, { recursive: true });
    await writeHostFile(temp.dataDir, {
      port: 1,
      host: '127.0.0.1',
      token: 'stale-token-stale-token',
      pid: unrelated.pid!,
      url: 'http://127.0.0.1:1/?token=stale-token-stale-token',
      startedAt: new Date(0).toISOString(),
    });
    const serving = await start();
    expect((await readHostFile(temp.dataDir))?.pid).toBe(process.pid);
    expect(await status(serving, serving.host.token)).toBe(200);
  });

  it('refuses a second host on the same data directory while the first runs, naming it', async () => {
    const first = await start();
    await expect(start()).rejects.toThrow(
      `a Flotilla host (pid ${process.pid}) already serves ${temp.dataDir} at http://127.0.0.1:${first.host.port}/`,
    );
    await stop(first);
    await start();
  });

  it('makes an existing 0755 data directory 0700 and its files 0600', async () => {
    mkdirSync(temp.dataDir, { recursive: true });
    chmodSync(temp.dataDir, 0o755);
    await start();
    const mode = (name: string) => statSync(path.join(temp.dataDir, name)).mode & 0o777;
    expect(mode('.')).toBe(0o700);
    for (const name of [
      'flotilla.db',
      'flotilla.db-wal',
      'flotilla.db-shm',
      'host.json',
      'token',
      'host.lock',
      'last-port',
    ]) {
      expect([name, mode(name)]).toEqual([name, 0o600]);
    }
  });
});
