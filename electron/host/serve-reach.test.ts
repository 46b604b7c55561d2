import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../shared/session.js';
import { SessionManager } from '../engine/index.js';
import { packageRoot } from '../package-root.js';
import { createTempRepo, type TempRepo } from '../test-support/temp-repo.js';
import { testEnv } from '../test-support/test-manager.js';
import { connectTestClient } from '../test-support/test-host.js';
import { waitFor } from '../test-support/wait-for.js';
import { rotateToken } from './host-identity.js';
import { serve, type Serving } from './serve.js';

// `flotilla serve` tells the engine where it listens, so the agents it starts can reach it; the session
// credentials are made with the host's token, so rotating that token revokes them at the next start.

let temp: TempRepo;
let serving: Serving | undefined;

beforeEach(() => {
  temp = createTempRepo();
});

afterEach(async () => {
  await serving?.stop();
  serving = undefined;
  await temp.cleanup();
});

async function start(): Promise<Serving> {
  serving = await serve({ dataDir: temp.dataDir, port: 0, env: testEnv() });
  return serving;
}

async function demo(s: Serving): Promise<Session> {
  const [session] = await s.manager.create({ repoPath: temp.repo, provider: 'demo', prompt: 'hello' });
  return waitFor(() => s.manager.get(session!.id).pid !== null && s.manager.get(session!.id));
}

async function agentVar(session: Session, name: string): Promise<string | undefined> {
  const entries = (await readFile(`/proc/${session.pid}/environ`, 'utf8')).split('\0');
  return entries.find((entry) => entry.startsWith(`${name}=`))?.slice(name.length + 1);
}

async function upgradeStatus(s: Serving, token: string): Promise<number> {
  try {
    const client = await connectTestClient(s.host, {}, token);
    client.socket.close();
    return 101;
  } catch (error) {
    return Number(/HTTP (\d+)/.exec(String(error))?.[1]);
  }
}

describe('serve and the agents it starts', () => {
  it('writes the flotilla launcher and gives each agent the host URL and its own credential', async () => {
    const s = await start();
    const launcher = path.join(temp.dataDir, 'bin', 'flotilla');
    expect((await stat(launcher)).mode & 0o777).toBe(0o755);
    const script = await readFile(launcher, 'utf8');
    expect(script).toMatch(/^#!\/bin\/sh\n/);
    expect(script).toContain(`exec '${process.execPath}' '${path.join(packageRoot(), 'bin', 'flotilla.js')}' "$@"`);

    const session = await demo(s);
    expect(await agentVar(session, 'FLOTILLA_URL')).toBe(`ws://127.0.0.1:${s.host.port}/ws`);
    expect((await agentVar(session, 'PATH'))?.split(':')[0]).toBe(path.join(temp.dataDir, 'bin'));
    const credential = (await agentVar(session, 'FLOTILLA_TOKEN'))!;
    expect(credential.startsWith(`${session.id}.`)).toBe(true);
    expect(credential).not.toContain(s.host.token);
    const agent = await connectTestClient(s.host, {}, credential);
    await expect(agent.client.invoke('session.get', { id: session.id })).resolves.toMatchObject({ id: session.id });
    agent.socket.close();
  });

  it('a rotated token voids the old credentials at the next start; resumed agents get new ones', async () => {
    let s = await start();
    const session = await demo(s);
    const old = (await agentVar(session, 'FLOTILLA_TOKEN'))!;
    await s.stop();
    await rotateToken(temp.dataDir);
    s = await start();
    expect(await upgradeStatus(s, old)).toBe(401);
    await s.manager.resume([session.id]);
    const resumed = await waitFor(() => s.manager.get(session.id).pid !== null && s.manager.get(session.id));
    const fresh = (await agentVar(resumed, 'FLOTILLA_TOKEN'))!;
    expect(fresh).not.toBe(old);
    expect(await upgradeStatus(s, fresh)).toBe(101);
  });

  it('a queued session the engine starts at once waits for the host to attach, then gets its reach', async () => {
    const s = await start();
    s.manager.updateSettings({ maxConcurrentSessions: 1 });
    await demo(s);
    const [queued] = await s.manager.create({ repoPath: temp.repo, provider: 'demo', prompt: 'later' });
    expect(s.manager.get(queued!.id).pid).toBeNull();
    await s.stop();
    serving = undefined;
    // As serve() opens it: the running session is paused now, so the queued one starts at once.
    const manager = await SessionManager.open({ dataDir: temp.dataDir, env: testEnv(), awaitHost: true });
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(manager.get(queued!.id).pid).toBeNull();
      await manager.attachHost({ url: 'ws://127.0.0.1:9/ws', key: 'a-host-token-of-enough-length' });
      const started = await waitFor(() => manager.get(queued!.id).pid !== null && manager.get(queued!.id));
      expect(await agentVar(started, 'FLOTILLA_URL')).toBe('ws://127.0.0.1:9/ws');
      expect(await agentVar(started, 'FLOTILLA_TOKEN')).toMatch(new RegExp(`^${started.id}\\.`));
    } finally {
      await manager.close();
    }
  });
});
