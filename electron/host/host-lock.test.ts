import { mkdir } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServeProcess, type ServeProcess } from '../test-support/serve-process.js';
import { createTempRepo, type TempRepo } from '../test-support/temp-repo.js';
import { readHostFile } from './host-file.js';
import { lockDataDir } from './host-lock.js';

let temp: TempRepo;
const started: ServeProcess[] = [];

function serveProcess(): ServeProcess {
  const serving = startServeProcess(temp.dataDir);
  started.push(serving);
  return serving;
}

beforeEach(() => {
  temp = createTempRepo();
});

afterEach(async () => {
  for (const serving of started.splice(0)) await serving.stop('SIGKILL');
  await temp.cleanup();
});

describe('one host per data directory', () => {
  it('of two hosts started at the same instant, exactly one stays up, every time', { timeout: 150_000 }, async () => {
    const ROUNDS = 10;
    const deadline = Date.now() + 120_000;
    for (let round = 0; round < ROUNDS && Date.now() < deadline; round += 1) {
      const pair = [serveProcess(), serveProcess()];
      const outcomes = await Promise.all(pair.map((p) => p.settled));
      const report = `round ${round}: ${JSON.stringify(outcomes)}; stderr: ${pair.map((p) => p.stderr()).join(' | ')}`;
      expect(
        outcomes.filter((o) => o === 'serving'),
        report,
      ).toHaveLength(1);
      const winner = pair[outcomes.indexOf('serving')]!;
      const loser = pair[outcomes.indexOf('exited')]!;
      expect(loser.child.exitCode, report).toBe(1);
      expect(loser.stderr(), report).toMatch(/already serves/);
      // The winner is still up after the loser gave up, and host.json names it.
      expect(winner.alive(), report).toBe(true);
      expect((await readHostFile(temp.dataDir))?.pid, report).toBe(winner.child.pid);
      await winner.stop();
    }
  });

  it('a host killed with SIGKILL frees the data directory for the next start', { timeout: 60_000 }, async () => {
    const first = serveProcess();
    expect(await first.settled).toBe('serving');
    await first.stop('SIGKILL');
    // Its host.json stays behind, naming a dead pid; the lock, not that file, decides.
    expect((await readHostFile(temp.dataDir))?.pid).toBe(first.child.pid);
    const next = serveProcess();
    expect(await next.settled, next.stderr()).toBe('serving');
  });

  it('is held by one opener at a time within a process too, and released on release()', async () => {
    await mkdir(temp.dataDir, { recursive: true });
    const first = await lockDataDir(temp.dataDir);
    expect(first).toBeDefined();
    expect(await lockDataDir(temp.dataDir)).toBeUndefined();
    first!.release();
    const again = await lockDataDir(temp.dataDir);
    expect(again).toBeDefined();
    again!.release();
  });
});
