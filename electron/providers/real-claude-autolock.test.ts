import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SessionLock } from '../../shared/coordination.js';
import type { Session } from '../../shared/session.js';
import { connect } from '../cli/connect.js';
import { claudeCli, reportSkippedClaude, useRealClaude, writeRules } from '../test-support/real-claude.js';

/**
 * Auto-lock with the real Claude Code (2.1.197) through a real host, against the scripted model: a Claude
 * session shares the worktree of another session that holds the worktree's lock; Claude's Write waits in its
 * PreToolUse hook (no permission dialog, no file) until the lock is released, then goes on; the auto lock it
 * took is released when its turn ends (Stop). Run alone:
 *   npx vitest run electron/providers/real-claude-autolock.test.ts
 */
const c = useRealClaude();
const plainEnv = c.env;
// A bound well above the test's own hold of the lock, well below Claude Code's default hook timeout.
c.env = () => ({ ...plainEnv(), FLOTILLA_AUTO_LOCK_WAIT_S: '60' });

const locks = async () =>
  (JSON.parse(await c.flotilla('locks', '--json')) as SessionLock[]).map(
    (l) => `${l.sessionName}:${l.scope}:${l.auto}`,
  );

describe.skipIf(!claudeCli.bin)('real Claude Code: auto-lock in a shared worktree', () => {
  it(
    'the Write waits in its PreToolUse hook while another session holds the worktree, then runs; Stop releases it',
    { timeout: 300_000 },
    async () => {
      const client = await connect(c.temp.dataDir, { env: {} });
      try {
        await client.invoke('settings.set', { autoLock: true });
      } finally {
        client.close();
      }
      const [owner] = JSON.parse(
        await c.flotilla('new', '--repo', c.temp.repo, '--provider', 'demo', '--name', 'owner', '--json'),
      ) as Session[];
      c.seen.add(owner!.id);
      await c.waitStatus(owner!.id, 'idle');
      await c.flotilla('lock', 'refactoring', '--scope', 'path', '--as', 'owner');

      const prompt = 'create shared.txt';
      const writer = JSON.parse(
        await c.flotilla(
          'spawn',
          prompt,
          '--name',
          'writer',
          '--provider',
          'claude',
          '--same-worktree',
          '--as',
          'owner',
          '--json',
        ),
      ) as Session;
      c.seen.add(writer.id);
      expect(writer.worktreePath).toBe(owner!.worktreePath);
      c.model.addRules(...writeRules(prompt, 'shared.txt', 'shared\n')(writer.worktreePath));
      await c.screenShows(writer.id, /Yes, I trust this folder/);
      await c.waitStatus(writer.id, 'waiting', 30);
      await c.flotilla('approve', writer.id);
      await c.model.waitForRequest((r) => r.toolsOffered && r.lastUserText.includes(prompt), 60_000);

      // The model asked for the Write: Claude Code runs PreToolUse first, and the host holds it.
      const file = path.join(writer.worktreePath, 'shared.txt');
      const shown = async () => c.flotilla('show', writer.id);
      for (let i = 0; i < 100 && !/auto-lock: Write shared\.txt waits/.test(await shown()); i++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(await shown()).toMatch(
        /auto-lock: Write shared\.txt waits, the worktree is held by owner \(\w{8}\) since \d\d:\d\d: refactoring/,
      );
      await new Promise((resolve) => setTimeout(resolve, 4000));
      const held = await c.flotilla('screen', writer.id);
      expect(held).not.toMatch(/Do you want to create shared\.txt\?/);
      expect(existsSync(file)).toBe(false);
      expect(await locks()).toEqual(['owner:path:false']);

      const released = Date.now();
      expect(await c.flotilla('unlock', '--as', 'owner')).toBe('released 1 lock\n');
      const asking = await c.waitStatus(writer.id, 'waiting', 60);
      const tookMs = Date.now() - released;
      expect(asking.question).toMatchObject({ text: 'Do you want to create shared.txt?' });
      expect(await locks()).toEqual(['writer:path:true']);
      await c.flotilla('approve', writer.id);
      await c.screenShows(writer.id, /Done with shared\.txt\./);
      await c.waitStatus(writer.id, 'idle');
      expect(readFileSync(file, 'utf8')).toBe('shared\n');
      // Its turn ended (Stop): the auto lock went with it.
      for (let i = 0; i < 50 && (await locks()).length > 0; i++)
        await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await locks()).toEqual([]);
      if (process.env.FLOTILLA_MEASURE === '1') console.log(`auto-lock: unlock -> permission dialog ${tookMs} ms`);
      await c.killAndCheck(writer.id);
      await c.flotilla('kill', owner!.id);
    },
  );
});

reportSkippedClaude();
