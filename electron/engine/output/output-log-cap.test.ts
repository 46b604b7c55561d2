import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestEngine } from '../../test-support/test-engine.js';
import { waitFor } from '../../test-support/wait-for.js';

// The output log's cap (2 MB plus one rotated file) holds while an agent floods, not just once a second.

const engine = useTestEngine();
const CAP = 2 * 1024 * 1024;
/** One write to the log is one pty read; node-pty reads at most 64 KB at a time. */
const ONE_BATCH = 64 * 1024;

async function sizes(dir: string): Promise<{ largest: number; total: number }> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const all = await Promise.all(
    names.map((n) =>
      stat(path.join(dir, n)).then(
        (s) => s.size,
        () => 0,
      ),
    ),
  );
  return { largest: Math.max(0, ...all), total: all.reduce((a, b) => a + b, 0) };
}

describe('the output log under a flood', () => {
  it(
    'never holds more than the cap plus one batch per file, and the screen still restores',
    { timeout: 90_000 },
    async () => {
      const { manager } = engine.tm;
      const [session] = await manager.create({ repoPath: engine.temp.repo, prompt: 'flood 12' });
      const dir = path.join(manager.dataDir, 'sessions', session!.id);
      let largest = 0;
      let total = 0;
      let samples = 0;
      let flooding = true;
      const sampler = (async () => {
        while (flooding) {
          const now = await sizes(dir);
          largest = Math.max(largest, now.largest);
          total = Math.max(total, now.total);
          samples++;
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      })();
      try {
        // Polled, not on every output event: a screen read holds the output back for a moment.
        await waitFor(async () => (await manager.screen(session!.id)).text.includes('Flood done.'), {
          timeoutMs: 80_000,
          intervalMs: 250,
          what: 'the flood to end',
        });
      } finally {
        flooding = false;
        await sampler;
      }
      console.log(
        `output log under 'flood 12': ${samples} samples, largest file ${largest} B, session folder ${total} B`,
      );
      expect(samples).toBeGreaterThan(10);
      expect(largest).toBeGreaterThan(CAP / 2);
      expect(largest).toBeLessThanOrEqual(CAP + ONE_BATCH);
      // Two logs, the screen snapshot and the demo agent's small state files.
      expect(total).toBeLessThanOrEqual(2 * (CAP + ONE_BATCH) + 256 * 1024);

      // What an agent printed is the user's alone.
      for (const name of ['output.log', 'output.1.log', 'screen.json']) {
        expect((await stat(path.join(dir, name))).mode & 0o777, name).toBe(0o600);
      }

      // After a restart the last screen comes back from the snapshot and the log.
      await engine.reopen();
      expect((await engine.tm.manager.screen(session!.id)).text).toContain('Flood done.');
    },
  );
});
