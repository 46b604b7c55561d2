import { describe, expect, it } from 'vitest';
import { text } from '../test-support/model-server/model-server.js';
import { claudeCli, useRealClaude } from '../test-support/real-claude.js';
import { detectClaudeScreen } from './claude.js';

/**
 * Busy forms of the real Claude Code against the scripted model (test-support/real-claude.ts): a reply
 * streamed slowly shows the spinner's activity label and a live token count ("↓ 12 tokens"), read as busy.
 * FLOTILLA_RECORD_SCREENS=1 records it as fixtures/claude/busy-streaming-tokens.txt.
 * Run alone: npx vitest run electron/providers/real-claude-screens.test.ts
 */
const c = useRealClaude();
const LONG = 'The scripted model streams this answer slowly, a few characters at a time. '.repeat(8);

describe.skipIf(!claudeCli.bin)('real Claude Code: busy forms', () => {
  it(
    'a slowly streamed reply: spinner label and token count on screen, running; idle once done',
    { timeout: 180_000 },
    async () => {
      const session = await c.start('tell me slowly', () => [
        { when: 'tell me slowly', reply: text(LONG, { chunkSize: 6, chunkDelayMs: 250 }) },
      ]);
      const screen = await c.screenShows(session.id, /[↓↑] ?\d[\d.,]*k? tokens/, 60_000);
      await c.record(session.id, 'busy-streaming-tokens');
      expect(detectClaudeScreen(screen.split('\n')).busy).toBe(true);
      expect((await c.show(session.id)).status).toBe('running');
      await c.waitStatus(session.id, 'idle', 90);
      await c.killAndCheck(session.id);
    },
  );
});
