import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CLAUDE_FIXTURE_ID,
  CODEX_FIXTURE_ID,
  FIXTURE_PROMPT,
  seedClaudeConversation,
  seedCodexConversation,
  argsShown,
  standInAgent,
} from '../electron/test-support/import-fixtures.js';
import { waitForScreen } from '../electron/test-support/wait-for.js';
import { saveScreenshot, skipWithoutBrowser } from './support/browser.js';
import { useDashboard } from './support/dashboard-suite.js';
import type { E2eHost } from './support/e2e-host.js';

// The host's agents (and so the conversations it finds) live in this HOME: conversations recorded from the
// real CLIs are seeded there. Set before the host starts; this file runs in a process of its own.
const home = mkdtempSync(path.join(tmpdir(), 'flotilla-import-home-'));
process.env.HOME = home;
delete process.env.CLAUDE_CONFIG_DIR;
delete process.env.CODEX_HOME;
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** The Import view lists conversations run outside Flotilla and imports one into a session. */
describe.skipIf(skipWithoutBrowser)('dashboard: import view', () => {
  let env: E2eHost;
  let page: Page;

  useDashboard('import-view', (suite) => ({ env, page } = suite));

  it('lists the repo’s Claude Code and Codex conversations and imports one, resumed by its id', async () => {
    seedClaudeConversation(home, env.repo.repo);
    seedCodexConversation(home, path.join(env.repo.repo, 'web'));
    // The demo agent cannot resume a Claude conversation: a profile runs a stand-in that prints its argv.
    const profile = env.manager.profiles.create({
      provider: 'claude',
      name: 'Claude stand-in',
      binaryPath: standInAgent(home),
      extraArgs: [],
      model: null,
      env: {},
    });

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a conversation' });
    await dialog.getByLabel('Repository').fill(env.repo.repo);
    const list = dialog.getByRole('list', { name: 'Conversations' });
    const claude = list.locator(`[data-conversation="${CLAUDE_FIXTURE_ID}"]`);
    const codex = list.locator(`[data-conversation="${CODEX_FIXTURE_ID}"]`);
    await claude.waitFor();
    expect(await claude.textContent()).toMatch(new RegExp(`Claude Code${FIXTURE_PROMPT}.*4 messages`));
    expect(await codex.textContent()).toMatch(new RegExp(`Codex${FIXTURE_PROMPT}in web/ · .*4 messages`));
    await dialog.getByLabel('Profile').selectOption({ label: 'Claude stand-in (claude)' });
    await claude.waitFor(); // listed again for that profile
    // That profile runs Claude Code: the Codex conversation cannot be imported with it.
    expect(await codex.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
    await saveScreenshot(page, 'import-view-list');

    await claude.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    const session = env.manager.list().find((s) => s.conversationId === CLAUDE_FIXTURE_ID);
    expect(session).toMatchObject({ provider: 'claude', profileId: profile.id, name: FIXTURE_PROMPT });
    await waitForScreen(env.manager, session!.id, argsShown('--resume', CLAUDE_FIXTURE_ID));
    // It opens in the focused view, like any session.
    await page.getByRole('region', { name: 'Session details' }).waitFor();

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.getByLabel('Repository').fill(env.repo.repo);
    await claude.getByRole('button', { name: 'Imported · Open' }).waitFor();
    expect(await codex.getByRole('button', { name: 'Import', exact: true }).isEnabled()).toBe(true);
    await saveScreenshot(page, 'import-view-imported');
    // Keys pressed in the view are not the grid's shortcuts ("n" would open New session under it).
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().focus();
    await page.keyboard.press('n');
    expect(await page.getByRole('dialog', { name: 'New session' }).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Close', exact: true }).first().click();
    await env.manager.kill([session!.id]);
  });
});
