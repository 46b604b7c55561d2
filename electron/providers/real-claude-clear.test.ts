import { describe, expect, it } from 'vitest';
import { text } from '../test-support/model-server/model-server.js';
import { claudeCli, reportSkippedClaude, useRealClaude } from '../test-support/real-claude.js';

/**
 * `flotilla clear` on the real Claude Code (issue 14): it types /clear into the live session, and the next
 * prompt reaches the model without the earlier conversation. Against the scripted model
 * (test-support/real-claude.ts). Run alone: npx vitest run electron/providers/real-claude-clear.test.ts
 */
const c = useRealClaude();

const spoken = (messages: { role: string; text: string }[]) =>
  messages.map((m) => [m.role, m.text.replace(/<system-reminder>[^]*?<\/system-reminder>/g, '').trim()]);

describe.skipIf(!claudeCli.bin)('real Claude Code: flotilla clear', () => {
  it('starts a fresh conversation: the model no longer sees the earlier messages', { timeout: 240_000 }, async () => {
    const session = await c.start('remember the word pineapple', () => [
      { when: 'remember the word', reply: text('I will remember it.') },
    ]);
    await c.screenShows(session.id, /I will remember it\./);
    await c.waitStatus(session.id, 'idle');

    expect(await c.flotilla('clear', session.id)).toBe(`cleared ${session.id}\n`);
    // Claude Code empties its screen of the conversation once /clear ran.
    await c.screenShows(session.id, /^(?![^]*I will remember it\.)/);

    c.model.addRules({ when: 'which word', reply: text('No word yet.') });
    const next = await c.say(session.id, 'which word');
    const said = spoken(next.messages);
    expect(said.some(([, t]) => t!.includes('remember the word pineapple'))).toBe(false);
    expect(said).toContainEqual(['user', expect.stringContaining('which word')]);
    await c.screenShows(session.id, /No word yet\./);
    await c.killAndCheck(session.id);
  });
});

reportSkippedClaude();
