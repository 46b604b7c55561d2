import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningHost } from '../host/host-server.js';
import { procInfo } from '../test-support/process-probe.js';
import { createTempRepo, type TempRepo } from '../test-support/temp-repo.js';
import { connectTestClient, startTestHost, type TestClient } from '../test-support/test-host.js';
import { openTestManager, type TestManager } from '../test-support/test-manager.js';
import { waitFor } from '../test-support/wait-for.js';
import { HIGH_WATER_CHARS } from './client-streams.js';

let temp: TempRepo;
let engine: TestManager;
let host: RunningHost;
const clients: TestClient[] = [];

async function connect(): Promise<TestClient> {
  const client = await connectTestClient(host);
  clients.push(client);
  return client;
}

/** Resolves once the output received by `client` has not grown for `quietMs`. */
async function settled(client: TestClient, quietMs = 400): Promise<number> {
  let last = -1;
  let since = Date.now();
  return waitFor(
    () => {
      const now = client.output().length;
      if (now !== last) {
        last = now;
        since = Date.now();
        return false;
      }
      return Date.now() - since >= quietMs ? now : false;
    },
    { intervalMs: 50, timeoutMs: 15_000, what: 'output to stop growing' },
  );
}

beforeEach(async () => {
  temp = createTempRepo();
  engine = await openTestManager(temp.dataDir);
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.socket.terminate();
  await host?.close();
  expect(await engine.close()).toEqual([]);
  await temp.cleanup();
});

describe('flow control', () => {
  it('stops reading the pty while a client has too much unrendered output, and continues on ack', async () => {
    host = await startTestHost(engine.manager);
    const viewer = await connect();
    const { sessions } = await viewer.client.invoke('session.create', { repoPath: temp.repo, prompt: '' });
    const id = sessions[0]!.id;
    await waitFor(() => engine.manager.get(id).status === 'idle', { what: 'idle agent' });
    await viewer.client.invoke('session.subscribe', { id, ack: true });
    await viewer.client.invoke('session.send', { id, text: 'flood 4' });

    // Without acks, output stops a little past the high-water mark (a batch and the kernel's pty buffer).
    const held = await settled(viewer);
    expect(held).toBeGreaterThan(HIGH_WATER_CHARS);
    expect(held).toBeLessThan(HIGH_WATER_CHARS + 256 * 1024);
    expect(viewer.output()).not.toContain('Flood done.');
    // The agent is blocked writing, not stopped: flow control is not SIGSTOP.
    expect(procInfo(engine.manager.get(id).pid!)?.state).not.toBe('T');

    // Acknowledging what was rendered lets it run to the end.
    let acked = 0;
    await waitFor(
      async () => {
        const total = viewer.output().length;
        if (total > acked) {
          await viewer.client.invoke('session.ack', { id, chars: total - acked });
          acked = total;
        }
        return viewer.output().includes('Flood done.');
      },
      { intervalMs: 20, timeoutMs: 30_000, what: 'the flood to finish once acked' },
    );
    expect(viewer.output().length).toBeGreaterThan(4 * 1024 * 1024);
  });

  it('never lets a client that stops acking freeze the agent', async () => {
    host = await startTestHost(engine.manager, { stallMs: 500 });
    const hung = await connect();
    const { sessions } = await hung.client.invoke('session.create', { repoPath: temp.repo, prompt: '' });
    const id = sessions[0]!.id;
    await waitFor(() => engine.manager.get(id).status === 'idle', { what: 'idle agent' });
    await hung.client.invoke('session.subscribe', { id, ack: true });
    await hung.client.invoke('session.send', { id, text: 'flood 2' });
    await waitFor(() => hung.output().includes('Flood done.'), {
      timeoutMs: 30_000,
      what: 'the flood to finish despite no acks',
    });
  });

  it('holds only the session whose client lags; other sessions keep streaming', async () => {
    host = await startTestHost(engine.manager);
    const lagging = await connect();
    const other = await connect();
    const { sessions } = await lagging.client.invoke('session.create', { repoPath: temp.repo, prompt: '', count: 2 });
    const [slow, fast] = [sessions[0]!.id, sessions[1]!.id];
    await waitFor(() => engine.manager.list().every((s) => s.status === 'idle'), { what: 'idle agents' });
    await lagging.client.invoke('session.subscribe', { id: slow, ack: true });
    await other.client.invoke('session.subscribe', { id: fast, ack: false });
    await lagging.client.invoke('session.send', { id: slow, text: 'flood 2' });
    await other.client.invoke('session.send', { id: fast, text: 'flood 2' });
    await waitFor(() => other.output().includes('Flood done.'), {
      timeoutMs: 30_000,
      what: 'the other session to finish',
    });
    expect(lagging.output()).not.toContain('Flood done.');
  });

  it('stops a flood on Ctrl-C while output is being held', async () => {
    host = await startTestHost(engine.manager);
    const viewer = await connect();
    const { sessions } = await viewer.client.invoke('session.create', { repoPath: temp.repo, prompt: '' });
    const id = sessions[0]!.id;
    await waitFor(() => engine.manager.get(id).status === 'idle', { what: 'idle agent' });
    await viewer.client.invoke('session.subscribe', { id, ack: false });
    await viewer.client.invoke('session.send', { id, text: 'flood 200' });
    await waitFor(() => viewer.output().length > 512 * 1024, { what: 'the flood to start' });
    await viewer.client.invoke('session.input', { id, data: '\x03' });
    await waitFor(() => viewer.output().includes('Interrupted.'), {
      timeoutMs: 15_000,
      what: 'the agent to see Ctrl-C',
    });
    expect(viewer.output().length).toBeLessThan(200 * 1024 * 1024);
    expect(viewer.output()).not.toContain('Flood done.');
  });
});
