import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PickFolderRequest } from '../shared/native-dialog.js';
import { launchBrowser, saveScreenshot, skipWithoutBrowser } from './support/browser.js';
import { openPage } from './support/dashboard-page.js';
import { startE2eHost, type E2eHost } from './support/e2e-host.js';

/**
 * The repository field's "Browse…" appears only where the host has native dialogs. A browser on the
 * WebSocket host has none; the desktop app's picker is stood in for by a host given a `dialogs` shell.
 */
describe.skipIf(skipWithoutBrowser)('dashboard: native folder picker', () => {
  let plain: E2eHost;
  let desktop: E2eHost;
  let browser: Browser;
  const asked: PickFolderRequest[] = [];
  /** The page the running test opened: what a failure's screenshot shows. */
  let current: Page | undefined;

  beforeAll(async () => {
    plain = await startE2eHost();
    desktop = await startE2eHost({
      dialogs: {
        pickFolder: (request) => {
          asked.push(request);
          return Promise.resolve(desktop.repo.repo);
        },
      },
    });
    browser = await launchBrowser();
  }, 60_000);

  beforeEach((context) => {
    current = undefined;
    context.onTestFailed(async () => {
      if (current) await saveScreenshot(current, `folder-picker-${context.task.name}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await plain?.stop();
    await desktop?.stop();
  }, 60_000);

  async function openDialog(url: string): Promise<Page> {
    const page = await openPage(browser, url);
    current = page;
    await page.getByRole('button', { name: 'Try the demo agent' }).waitFor();
    await page.getByRole('button', { name: 'New session', exact: true }).click();
    await page.getByRole('dialog', { name: 'New session' }).getByLabel('Repository', { exact: true }).waitFor();
    return page;
  }

  it('a browser on the WebSocket host gets no Browse… button', async () => {
    const page = await openDialog(plain.url);
    const dialog = page.getByRole('dialog', { name: 'New session' });
    await dialog.getByRole('button', { name: /^Start \d+ agents?$/ }).waitFor();
    expect(await dialog.getByRole('button', { name: 'Browse…' }).count()).toBe(0);
    await page.context().close();
  });

  it('with native dialogs, Browse… fills the repository with the picked folder', async () => {
    const page = await openDialog(desktop.url);
    const dialog = page.getByRole('dialog', { name: 'New session' });
    const field = dialog.getByLabel('Repository', { exact: true });
    await field.fill('');
    await dialog.getByRole('button', { name: 'Browse…' }).click();
    await expect.poll(() => field.inputValue()).toBe(desktop.repo.repo);
    await dialog.getByRole('option', { name: /\(current\)/ }).waitFor({ state: 'attached' });
    expect(asked).toEqual([{ title: 'Choose a repository' }]);
    await saveScreenshot(page, 'folder-picker-dark');
    await page.context().close();
  });
});
