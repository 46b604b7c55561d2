import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Session } from '../../../shared/session.js';
import { codexProvider } from '../../providers/codex.js';
import { ProviderRegistry } from '../../providers/registry.js';
import { useTestEngine } from '../../test-support/test-engine.js';
import { waitForScreen, waitForStatus } from '../../test-support/wait-for.js';

/**
 * Answers on a Codex-like arrow-key menu (fixtures/arrow-menu.mjs) read and answered with Codex's own
 * detector and keys: the keys count from the highlighted option, and an answer counts only once taken.
 */
const MENU = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'arrow-menu.mjs');
const menuCodex = (mode: string) => ({
  ...codexProvider,
  id: `menu-${mode}`,
  launch: async () => ({ file: process.execPath, args: [MENU, mode] }),
});

const engine = useTestEngine({
  providers: new ProviderRegistry(['trust', 'model', 'sign-in', 'deaf'].map(menuCodex)),
});

async function waitingMenu(mode: string): Promise<Session> {
  const [session] = await engine.tm.manager.create({ repoPath: engine.temp.repo, provider: `menu-${mode}` });
  return waitForStatus(engine.tm.manager, session!.id, 'waiting');
}

function kinds(id: string): string[] {
  return engine.tm.manager.history(id).map((e) => e.kind);
}

describe('answering an arrow-key menu', () => {
  it('after a stray ↓ typed into the terminal, Approve still picks option 1', async () => {
    const session = await waitingMenu('trust');
    expect(session.question).toMatchObject({
      text: 'Trust this folder?',
      options: ['Trust and continue', 'Back to Agent Command Center'],
    });
    engine.tm.manager.input(session.id, '\x1b[B');
    await waitForScreen(engine.tm.manager, session.id, '› 2. Back');
    await engine.tm.manager.approve(session.id);
    expect((await engine.tm.manager.screen(session.id)).text).toContain('Chose: Trust and continue');
    expect(kinds(session.id)).toContain('approved');
  });

  it('deny picks the declining option wherever the highlight is', async () => {
    const session = await waitingMenu('trust');
    engine.tm.manager.input(session.id, '\x1b[B');
    await waitForScreen(engine.tm.manager, session.id, '› 2. Back');
    await engine.tm.manager.deny(session.id);
    expect((await engine.tm.manager.screen(session.id)).text).toContain('Chose: Back to Agent Command Center');
  });

  it('deny on a menu with no option that declines is an error, and nothing is typed', async () => {
    const session = await waitingMenu('model');
    await expect(engine.tm.manager.deny(session.id)).rejects.toMatchObject({
      code: 'INVALID_STATE',
      message: expect.stringContaining('has no option that declines (gpt-5 / o4-mini)'),
    });
    expect(kinds(session.id)).not.toContain('denied');
    expect((await engine.tm.manager.screen(session.id)).text).toContain('› 1. gpt-5');
    await engine.tm.manager.choose(session.id, 2);
    expect((await engine.tm.manager.screen(session.id)).text).toContain('Chose: o4-mini');
  });

  it('keys the menu ignored are reported as an error, not as an answer', async () => {
    const session = await waitingMenu('deaf');
    await expect(engine.tm.manager.approve(session.id)).rejects.toMatchObject({
      code: 'INVALID_STATE',
      message: expect.stringContaining(
        'the agent did not take the answer: "Trust this folder?" is still on its screen',
      ),
    });
    expect(kinds(session.id)).toContain('answer-not-taken');
    expect(kinds(session.id)).not.toContain('approved');
  });

  it('a sign-in menu is refused with what to do, and nothing is typed into it', async () => {
    const session = await waitingMenu('sign-in');
    expect(session.question).toMatchObject({ kind: 'sign-in', hint: expect.stringContaining('codex login') });
    for (const answer of [
      () => engine.tm.manager.approve(session.id),
      () => engine.tm.manager.deny(session.id),
      () => engine.tm.manager.choose(session.id, 2),
    ]) {
      await expect(answer()).rejects.toMatchObject({
        code: 'INVALID_STATE',
        message: expect.stringMatching(/^needs sign-in: .*codex login/),
      });
    }
    expect((await engine.tm.manager.screen(session.id)).text).toContain('> 1. Sign in with ChatGPT');
    expect(kinds(session.id).filter((k) => ['approved', 'denied', 'chose'].includes(k))).toEqual([]);
  });

  it('auto-yes leaves a sign-in menu alone and says why', async () => {
    const [created] = await engine.tm.manager.create({
      repoPath: engine.temp.repo,
      provider: 'menu-sign-in',
      autoYes: true,
    });
    const session = await waitForStatus(engine.tm.manager, created!.id, 'waiting');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(engine.tm.manager.history(session.id).find((e) => e.kind === 'auto-yes-blocked')?.detail).toMatch(
      /^auto-yes cannot sign in: .*codex login/,
    );
    expect((await engine.tm.manager.screen(session.id)).text).toContain('> 1. Sign in with ChatGPT');
  });
});
