import { describe, expect, it } from 'vitest';
import { text } from '../test-support/model-server/model-server.js';
import { codexCli, useRealCodex } from '../test-support/real-codex.js';

/**
 * The real Codex 0.171's turn-complete notice (`-c notify=[…]`, the hook client) through a real host: the
 * session goes idle on it, from the hook, not only after the screen's quiet period. Run alone:
 *   npx vitest run electron/providers/real-codex-hooks.test.ts
 */
const h = useRealCodex();

describe.skipIf(!codexCli.bin)('real Codex: status from its notify hook', () => {
  it('a finished turn is idle from the hook (Stop), the screen agreeing', { timeout: 180_000 }, async () => {
    await h.start([{ when: 'say hello', reply: text('Hello from the script.') }]);
    const session = await h.newSession('say hello');
    await h.passFolderTrust(session.id);
    await h.screenShows(session.id, /Hello from the script\./);
    const idle = await h
      .flotilla('wait', session.id, '--status', 'idle', '--timeout', '60')
      .then(() => h.show(session.id));
    expect(idle.statusSource).toBe('hook');
    expect(await h.flotilla('show', session.id)).toMatch(/→ idle {2}hook: Stop/);
    await h.flotilla('kill', session.id);
  });
});

if (!codexCli.bin) {
  console.warn(`real Codex tests skipped: ${codexCli.missing}`);
  describe('real Codex (not installed)', () => it.skip(`skipped: ${codexCli.missing}`, () => {}));
}
