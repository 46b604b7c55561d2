import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../electron/test-support/wait-for.js';
import { launchBrowser, saveScreenshot, skipWithoutBrowser } from './support/browser.js';
import { openPage } from './support/dashboard-page.js';
import { startE2eHost, type E2eHost } from './support/e2e-host.js';

/** The New session dialog follows the host: auto-yes from its setting, and its saved provider profiles. */
describe.skipIf(skipWithoutBrowser)('dashboard: new session defaults', () => {
  let env: E2eHost;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    env = await startE2eHost();
    env.manager.updateSettings({ autoYesDefault: true });
    browser = await launchBrowser();
    page = await openPage(browser, env.url);
  }, 60_000);

  beforeEach((context) => {
    context.onTestFailed(async () => {
      await saveScreenshot(page, `dialog-${context.task.name}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await env?.stop();
  }, 60_000);

  it('checks auto-yes from the autoYesDefault setting and sends the chosen profile', async () => {
    const profile = env.manager.profiles.create({
      provider: 'demo',
      name: 'careful demo',
      binaryPath: null,
      extraArgs: [],
      model: null,
      env: {},
    });
    await page.getByRole('button', { name: 'Try the demo agent' }).waitFor();
    await page.getByRole('button', { name: 'New session', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'New session' });
    expect(await dialog.getByLabel('Auto-yes').isChecked()).toBe(true);

    await dialog.getByLabel('Repository', { exact: true }).fill(env.repo.repo);
    await dialog.getByRole('option', { name: /\(current\)/ }).waitFor({ state: 'attached' });
    await dialog.getByRole('combobox', { name: 'Profile of agent 1' }).selectOption({ label: 'careful demo' });
    await dialog.getByLabel('Prompt').fill('profiled work');
    await dialog.getByLabel('Name (optional)').fill('profiled');
    await dialog.getByRole('button', { name: 'Start 1 agent' }).click();
    await dialog.waitFor({ state: 'detached' });

    await waitFor(() => env.manager.list().some((s) => s.name === 'profiled'), { what: 'the session to exist' });
    expect(env.manager.list().find((s) => s.name === 'profiled')).toMatchObject({
      provider: 'demo',
      profileId: profile.id,
      autoYes: true,
    });
  });
});
