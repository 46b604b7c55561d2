import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HIGH_WATER_CHARS } from '../api/client-streams.js';
import { startHostProcess, type HostProcess } from '../test-support/host-process.js';
import { killProcesses } from '../test-support/process-probe.js';
import { createTempRepo, type TempRepo } from '../test-support/temp-repo.js';
import { connectTestClient, setReading, type TestClient } from '../test-support/test-host.js';
import { waitFor } from '../test-support/wait-for.js';

// Host memory under clients that misbehave: one that never reads, ones that vanish mid-stream. The host
// runs in a process of its own so its resident memory is measured alone (the mirror thread included).

const MB = 1024 * 1024;
const FLOOD_MB = 160;
/** Generous: the host's 32 MB send limit for the stalled client, batches in flight, V8's lazy collection. */
const GROWTH_LIMIT = 150 * MB;
/** What the second half of the flood may add to the first half's peak: memory must not grow with volume. */
const CREEP_LIMIT = 32 * MB;

let temp: TempRepo;
let host: HostProcess | undefined;
const clients: TestClient[] = [];

beforeEach(() => {
  temp = createTempRepo();
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.socket.terminate();
  const left = host?.descendants() ?? [];
  await host?.stop();
  killProcesses(left);
  host = undefined;
  await temp.cleanup();
});

async function connect(): Promise<TestClient> {
  const client = await connectTestClient(host!, {}, host!.token, { record: false });
  clients.push(client);
  return client;
}

/** A client that renders everything and acknowledges it, as the dashboard does; it sees when a flood ends. */
async function reader(id: string): Promise<{ client: TestClient; done(): number }> {
  const client = await connect();
  let acked = 0;
  let tail = '';
  let floods = 0;
  client.client.on('session.output', ({ data }) => {
    tail = (tail + data).slice(-64);
    if (tail.includes('Flood done.')) {
      floods++;
      tail = '';
    }
    const unacked = client.outputChars() - acked;
    if (unacked >= 64 * 1024) {
      acked += unacked;
      void client.client.invoke('session.ack', { id, chars: unacked }).catch(() => undefined);
    }
  });
  await client.client.invoke('session.subscribe', { id, ack: true });
  return { client, done: () => floods };
}

describe('host memory', () => {
  it(
    'stays bounded with a client that never reads and clients that vanish mid-stream, and keeps streaming to the others',
    { timeout: 120_000 },
    async () => {
      // Holding a client's output is released only by its going away (no stall timeout within the test).
      host = await startHostProcess(temp.dataDir, { stallMs: 120_000 });
      const control = await connect();
      const api = control.client;
      const [session] = (await api.invoke('session.create', { repoPath: temp.repo, prompt: '' })).sessions;
      const id = session!.id;
      await waitFor(async () => (await api.invoke('session.get', { id })).status === 'idle', { what: 'an idle agent' });
      const watcher = await reader(id);

      // Warm up (JIT, mirror, buffers) before the baseline.
      await api.invoke('session.send', { id, text: 'flood 16' });
      await waitFor(() => watcher.done() === 1, { timeoutMs: 30_000, what: 'the warm-up flood' });
      const baseline = host.memory().rss;

      // (a) Subscribes, then never reads again: the host must drop it rather than buffer the flood for it.
      const stalled = await connect();
      await stalled.client.invoke('session.subscribe', { id });
      setReading(stalled, false);
      const stalledClosed = new Promise<void>((resolve) => stalled.socket.once('close', () => resolve()));
      const start = watcher.client.outputChars();
      await api.invoke('session.send', { id, text: `flood ${FLOOD_MB}` });

      // (b) Clients that vanish mid-stream, some while their unacknowledged output holds the agent.
      let peakDuring = 0;
      for (let round = 0; round < 6; round++) {
        const holding = round % 2 === 0;
        const leaver = await connect();
        await leaver.client.invoke('session.subscribe', { id, ack: holding });
        await waitFor(() => leaver.outputChars() > HIGH_WATER_CHARS, {
          timeoutMs: 15_000,
          what: `client ${round} to get output`,
        });
        if (holding) {
          // Its unacknowledged output holds the agent: nobody gets more while it is connected.
          const held = watcher.client.outputChars();
          await new Promise((resolve) => setTimeout(resolve, 300));
          expect(watcher.client.outputChars() - held, `round ${round}: output while held`).toBeLessThan(2 * MB);
        }
        leaver.socket.terminate();
        // Its going away releases the hold at once: the reader gets more output well before any stall timeout.
        const before = watcher.client.outputChars();
        await waitFor(() => watcher.client.outputChars() > before + 4 * MB, {
          timeoutMs: 10_000,
          what: `output to flow again after client ${round} vanished`,
        });
        peakDuring = Math.max(peakDuring, host.memory().rss);
      }

      // Resident memory against output delivered, until the flood has reached the reader.
      const samples: { volume: number; rss: number }[] = [];
      await waitFor(
        () => {
          samples.push({ volume: watcher.client.outputChars() - start, rss: host!.memory().rss });
          return watcher.done() === 2;
        },
        { intervalMs: 250, timeoutMs: 90_000, what: `the ${FLOOD_MB} MB flood to reach the reader` },
      );
      // The host cut the stalled client off: once it reads again it finds its connection closed.
      setReading(stalled, true);
      await stalledClosed;
      expect(stalled.outputChars()).toBeLessThan((FLOOD_MB / 2) * MB);

      const flooded = watcher.client.outputChars() - start;
      expect(flooded).toBeGreaterThan(FLOOD_MB * MB);
      const peakOf = (list: typeof samples) => Math.max(peakDuring, ...list.map((s) => s.rss));
      const firstHalf = peakOf(samples.filter((s) => s.volume < flooded / 2));
      const whole = peakOf(samples);
      const { peak } = host.memory();
      const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
      const summary = `baseline ${mb(baseline)}, peak +${mb(peak - baseline)}, first half +${mb(firstHalf - baseline)}, whole +${mb(whole - baseline)}, ${mb(flooded)} delivered`;
      expect(peak - baseline, summary).toBeLessThan(GROWTH_LIMIT);
      expect(whole - firstHalf, summary).toBeLessThan(CREEP_LIMIT);

      // The host is up and serves everyone left as before.
      expect(host.exited(), host.stderr()).toBe(false);
      expect((await api.invoke('session.list', {})).sessions.map((s) => s.id)).toEqual([id]);
      await api.invoke('session.send', { id, text: 'flood 1' });
      await waitFor(() => watcher.done() === 3, { timeoutMs: 30_000, what: 'a flood after the misbehaving clients' });
    },
  );
});
