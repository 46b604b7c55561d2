import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../shared/session.js';
import { codexProvider } from '../../providers/codex.js';
import { ProviderRegistry } from '../../providers/registry.js';
import { createTempRepo, type TempRepo } from '../../test-support/temp-repo.js';
import { openTestManager, type TestManager } from '../../test-support/test-manager.js';
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

let temp: TempRepo;
let tm: TestManager;

beforeEach(async () => {
  temp = createTempRepo();
  tm = await openTestManager(temp.dataDir, new ProviderRegistry(['trust', 'model', 'sign-in', 'deaf'].map(menuCodex)));
});

afterEach(async () => {
  try {
    expect(await tm.close(), 'agent processes outlived the manager').toEqual([]);
  } finally {
    await temp.cleanup();
  }
});

async function waitingMenu(mode: string): Promise<Session> {
  const [session] = await tm.manager.create({ repoPath: temp.repo, provider: `menu-${mode}` });
  return waitForStatus(tm.manager, session!.id, 'waiting');
}

function kinds(id: string): string[] {
  return tm.manager.history(id).map((e) => e.kind);
}

describe('answering an arrow-key menu', () => {
  it('after a stray ↓ typed into the terminal, Approve still picks option 1', async () => {
    const session = await waitingMenu('trust');
    expect(session.question).toMatchObject({
      text: 'Trust this folder?',
      options: ['Trust and continue', 'Back to Agent Command Center'],
    });
    tm.manager.input(session.id, '\x1b[B');
    await waitForScreen(tm.manager, session.id, '› 2. Back');
    await tm.manager.approve(session.id);
    expect((await tm.manager.screen(session.id)).text).toContain('Chose: Trust and continue');
    expect(kinds(session.id)).toContain('approved');
  });

  it('deny picks the declining option wherever the highlight is', async () => {
    const session = await waitingMenu('trust');
    tm.manager.input(session.id, '\x1b[B');
    await waitForScreen(tm.manager, session.id, '› 2. Back');
    await tm.manager.deny(session.id);
    expect((await tm.manager.screen(session.id)).text).toContain('Chose: Back to Agent Command Center');
  });

  it('deny on a menu with no option that declines is an error, and nothing is typed', async () => {
    const session = await waitingMenu('model');
    await expect(tm.manager.deny(session.id)).rejects.toMatchObject({
      code: 'INVALID_STATE',
      message: expect.stringContaining('has no option that declines (gpt-5 / o4-mini)'),
    });
    expect(kinds(session.id)).not.toContain('denied');
    expect((await tm.manager.screen(session.id)).text).toContain('› 1. gpt-5');
    await tm.manager.choose(session.id, 2);
    expect((await tm.manager.screen(session.id)).text).toContain('Chose: o4-mini');
  });

  it('keys the menu ignored are reported as an error, not as an answer', async () => {
    const session = await waitingMenu('deaf');
    await expect(tm.manager.approve(session.id)).rejects.toMatchObject({
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
      () => tm.manager.approve(session.id),
      () => tm.manager.deny(session.id),
      () => tm.manager.choose(session.id, 2),
    ]) {
      await expect(answer()).rejects.toMatchObject({
        code: 'INVALID_STATE',
        message: expect.stringMatching(/^needs sign-in: .*codex login/),
      });
    }
    expect((await tm.manager.screen(session.id)).text).toContain('> 1. Sign in with ChatGPT');
    expect(kinds(session.id).filter((k) => ['approved', 'denied', 'chose'].includes(k))).toEqual([]);
  });

  it('auto-yes leaves a sign-in menu alone and says why', async () => {
    const [created] = await tm.manager.create({ repoPath: temp.repo, provider: 'menu-sign-in', autoYes: true });
    const session = await waitForStatus(tm.manager, created!.id, 'waiting');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(tm.manager.history(session.id).find((e) => e.kind === 'auto-yes-blocked')?.detail).toMatch(
      /^auto-yes cannot sign in: .*codex login/,
    );
    expect((await tm.manager.screen(session.id)).text).toContain('> 1. Sign in with ChatGPT');
  });
});
