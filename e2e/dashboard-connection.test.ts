import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { waitForStatus as waitForEngineStatus } from '../electron/test-support/wait-for.js';
import { saveScreenshot, skipWithoutBrowser } from './support/browser.js';
import { card, createFromDialog, openPage, waitForStatus, waitForTerminalText } from './support/dashboard-page.js';
import { useDashboard } from './support/dashboard-suite.js';
import type { E2eHost } from './support/e2e-host.js';

/** Auth, settings persistence, reloads and a host restart, as a browser user meets them. */
describe.skipIf(skipWithoutBrowser)('dashboard: connection and persistence', () => {
  let env: E2eHost;
  let browser: Browser;
  let page: Page;

  useDashboard('connection', (suite) => ({ env, browser, page } = suite));

  it('answers 401 without the token, to fetch and to a fresh browser', async () => {
    const response = await fetch(env.origin);
    expect(response.status).toBe(401);
    const stranger = await openPage(browser, env.origin);
    expect(await stranger.locator('body').innerText()).toMatch(/unauthorized/);
    await stranger.context().close();
  });

  it('keyboard: ? shows the shortcuts, n opens the dialog, Esc closes', async () => {
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('?');
    await page
      .getByRole('dialog', { name: 'Keyboard shortcuts' })
      .getByText('Approve the question of the current card')
      .waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.press('n');
    await page.getByRole('dialog', { name: 'New session' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('validates settings inline and keeps them across a reload', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByLabel('Branch prefix').fill('bad prefix!');
    await dialog.getByRole('button', { name: 'Save settings' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'branch prefix may hold' }).waitFor();
    await dialog.getByLabel('Branch prefix').fill('team/');
    await dialog.getByLabel('Idle after quiet (ms)').fill('450');
    await dialog.getByLabel('Max concurrent agents').fill('201');
    await dialog.getByRole('button', { name: 'Save settings' }).click();
    await dialog.getByRole('alert').filter({ hasText: '200' }).waitFor();
    await dialog.getByLabel('Max concurrent agents').fill('3');
    await dialog.getByRole('button', { name: 'Save settings' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(env.manager.settings()).toMatchObject({ branchPrefix: 'team/', idleQuietMs: 450, maxConcurrentSessions: 3 });

    await page.reload();
    await page.getByRole('button', { name: 'Settings' }).click();
    const reloaded = page.getByRole('dialog', { name: 'Settings' });
    expect(await reloaded.getByLabel('Branch prefix').inputValue()).toBe('team/');
    expect(await reloaded.getByLabel('Max concurrent agents').inputValue()).toBe('3');
    await page.keyboard.press('Escape');
  });

  it('keeps the desktop notification choices (host) and the sound (this browser) across a reload', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    const done = dialog.getByRole('checkbox', { name: 'Notify when an agent is done' });
    expect(await done.isChecked()).toBe(true);
    await done.uncheck();
    await dialog.getByRole('checkbox', { name: 'Sound when an agent waits' }).check();
    await dialog.getByRole('group', { name: 'Desktop app' }).scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'settings-notifications');
    await dialog.getByRole('button', { name: 'Save settings' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(env.manager.settings().notifyOn).toEqual({ waiting: true, completed: false, failed: true });

    await page.reload();
    await page.getByRole('button', { name: 'Settings' }).click();
    const reloaded = page.getByRole('dialog', { name: 'Settings' });
    expect(await reloaded.getByRole('checkbox', { name: 'Notify when an agent is done' }).isChecked()).toBe(false);
    expect(await reloaded.getByRole('checkbox', { name: 'Notify when an agent waits for you' }).isChecked()).toBe(true);
    expect(await reloaded.getByRole('checkbox', { name: 'Notify when an agent fails' }).isChecked()).toBe(true);
    const sound = reloaded.getByRole('checkbox', { name: 'Sound when an agent waits' });
    expect(await sound.isChecked()).toBe(true);
    await sound.uncheck(); // a browser preference: applies at once, no save (and keeps the later tests quiet)
    await page.keyboard.press('Escape');
  });

  it('refuses a branch prefix git could not use, saying why', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByLabel('Branch prefix').fill('team//agents/');
    await dialog.getByRole('button', { name: 'Save settings' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'must not hold "//"' }).waitFor();
    await page.keyboard.press('Escape');
    expect(env.manager.settings().branchPrefix).toBe('team/');
  });

  it('after a reload, cards and the focused screen come back', async () => {
    const [session] = await env.manager.create({
      repoPath: env.repo.repo,
      provider: 'demo',
      prompt: 'keep me',
      name: 'keeper',
    });
    if (!session) throw new Error('no session');
    expect(session.branch.startsWith('team/')).toBe(true);
    await waitForStatus(card(page, 'keeper'), 'waiting');
    await page.reload();
    await waitForStatus(card(page, 'keeper'), 'waiting');
    await card(page, 'keeper').getByRole('button', { name: 'keeper', exact: true }).click();
    await waitForTerminalText(page, 'Do you want to create keep-me.txt?');
  });

  it('reconnects after a host restart: sessions come back paused and resume', async () => {
    await env.restart();
    // The engine marks sessions paused while it stops, after the host has closed every socket:
    // the page can only learn it by listing again once it has reconnected.
    const focused = page.locator('.focused-head');
    await waitForStatus(focused, 'paused', 20_000);
    const keeper = env.manager.list().find((s) => s.name === 'keeper');
    expect(keeper?.status).toBe('paused');
    await focused.getByRole('button', { name: 'Resume', exact: true }).click();
    await waitForEngineStatus(env.manager, keeper?.id ?? '', 'idle', 15_000);
    await waitForTerminalText(page, 'Resumed conversation');
    await page.getByRole('button', { name: '← Grid' }).click();
    await waitForStatus(card(page, 'keeper'), 'idle');
  });

  it('while the host is away the page is read-only; once it is back the page reconnects by itself and works', async () => {
    const newSession = page.getByRole('button', { name: 'New session', exact: true });
    const banner = page.getByRole('alert').filter({ hasText: 'Disconnected — reconnecting…' });
    const keeper = card(page, 'keeper');
    expect(await newSession.isEnabled()).toBe(true);
    await env.restart(async () => {
      await banner.waitFor();
      // Everything that would ask the host is disabled: the top bar's New session, every button and
      // field of the cards (pause, the name that opens the session, the auto-yes switch...).
      expect(await newSession.isDisabled()).toBe(true);
      const controls = keeper.locator('button, input');
      expect(await controls.count()).toBeGreaterThan(1);
      expect(await controls.evaluateAll((all) => all.every((c) => (c as HTMLButtonElement).matches(':disabled')))).toBe(
        true,
      );
      // The last known state stays on screen, marked stale.
      expect(await keeper.locator('[data-status]').count()).toBeGreaterThan(0);
      expect(await page.locator('.app.offline .main').count()).toBe(1);
      await page.keyboard.press('n'); // the New session shortcut does nothing either
      expect(await page.getByRole('dialog').count()).toBe(0);
      await saveScreenshot(page, 'connection-offline');
    });
    // The same host (data dir, port, token) is back: no reload, no click.
    await banner.waitFor({ state: 'detached', timeout: 20_000 });
    expect(await newSession.isEnabled()).toBe(true);
    expect(await page.locator('.app.offline').count()).toBe(0);
    await createFromDialog(page, { repo: env.repo.repo, prompt: 'after the restart', name: 'after-restart' });
    await waitForStatus(card(page, 'after-restart'), 'waiting');
    await waitForStatus(keeper, 'paused');
  });
});
