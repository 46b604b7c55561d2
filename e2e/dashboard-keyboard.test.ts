import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { waitForScreen } from '../electron/test-support/wait-for.js';
import { skipWithoutBrowser } from './support/browser.js';
import { card, waitForStatus, waitForTerminalText } from './support/dashboard-page.js';
import { useDashboard } from './support/dashboard-suite.js';
import { sessionNamed, type E2eHost } from './support/e2e-host.js';

/** The dashboard driven from the keyboard only, against a real host with demo agents. */
describe.skipIf(skipWithoutBrowser)('dashboard: keyboard', () => {
  let env: E2eHost;
  let page: Page;
  const names = ['kb one', 'kb two', 'kb three'];

  useDashboard('keyboard', (suite) => ({ env, page } = suite));

  /** The name of the card marked as the keyboard's current one (aria-current), or null. */
  const current = () =>
    page.evaluate(() => document.querySelector('article[aria-current="true"]')?.getAttribute('aria-label') ?? null);
  const press = async (key: string, expected: string) => {
    await page.keyboard.press(key);
    await expect.poll(current, { timeout: 5000 }).toBe(expected);
  };

  it('j/k and the arrows move the current card, which is marked', async () => {
    for (const name of names)
      await env.manager.create({ repoPath: env.repo.repo, provider: 'demo', prompt: name, name });
    for (const name of names) await waitForStatus(card(page, name), 'waiting');
    expect(await current()).toBeNull();
    await press('j', 'kb one');
    await press('j', 'kb two');
    await press('ArrowRight', 'kb three');
    await press('j', 'kb three'); // stays on the last card
    await press('k', 'kb two');
    await press('ArrowLeft', 'kb one');
    expect(await card(page, 'kb one').getAttribute('class')).toMatch(/\bcursor\b/);
  });

  it('a approves and d denies the current waiting card', async () => {
    await page.keyboard.press('a');
    await waitForStatus(card(page, 'kb one'), 'idle');
    expect(existsSync(path.join(sessionNamed(env.manager, 'kb one').worktreePath, 'kb-one.txt'))).toBe(true);
    await press('j', 'kb two');
    await page.keyboard.press('d');
    await waitForStatus(card(page, 'kb two'), 'idle');
    await waitForScreen(env.manager, sessionNamed(env.manager, 'kb two').id, 'Skipped kb-two.txt.', 5000);
  });

  it('x toggles the current card, Ctrl+a selects all, Esc clears', async () => {
    const check = card(page, 'kb two').getByLabel('Select kb two');
    await page.keyboard.press('x');
    await expect.poll(() => check.isChecked()).toBe(true);
    await page.getByText('1 selected').waitFor();
    await page.keyboard.press('x');
    await expect.poll(() => check.isChecked()).toBe(false);
    await page.keyboard.press('Control+a');
    await page.getByText('3 selected').waitFor();
    await page.keyboard.press('Escape');
    await page.getByText('Click a card to select it').waitFor();
  });

  it('shortcuts still work after clicking a card checkbox (focus stays on it)', async () => {
    await card(page, 'kb one').getByLabel('Select kb one').check();
    await press('j', 'kb three');
    await page.keyboard.press('Escape');
  });

  it('Enter opens the current card in the focused view; Ctrl+] goes back to the grid', async () => {
    await press('k', 'kb two');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'kb two', level: 1 }).waitFor();
    await waitForTerminalText(page, 'Skipped kb-two.txt.');
    // The terminal has the keyboard: letters go to the agent, not to the shortcuts.
    await page.keyboard.type('jk');
    await waitForTerminalText(page, '> jk');
    await page.keyboard.press('Control+]');
    await card(page, 'kb two').waitFor();
    expect(await current()).toBe('kb two');
  });

  it('Ctrl+] leaves the focused view also when the terminal does not have the keyboard', async () => {
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'kb two', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Session details' }).click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+]');
    await card(page, 'kb two').waitFor();
  });

  it('Enter on a focused button is that button’s, not "open the current card"', async () => {
    await page.getByRole('button', { name: 'New session', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'New session' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'New session' }).waitFor({ state: 'detached' });
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(0);
  });

  it('? shows the shortcuts; Esc closes them', async () => {
    await page.locator('body').click({ position: { x: 5, y: 890 } });
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.getByText('Next card').waitFor();
    await help.getByText('Approve the question of the current card').waitFor();
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
  });
});
