import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../electron/package-root.js';
import { gitSync } from '../electron/test-support/temp-repo.js';
import { launchBrowser, saveScreenshot, skipWithoutBrowser } from './support/browser.js';
import { card, openPage, waitForStatus } from './support/dashboard-page.js';
import { startE2eHost, type E2eHost } from './support/e2e-host.js';

/**
 * `npm run serve` in Flotilla's own folder: the first run must not offer that checkout (a demo would make
 * worktrees of Flotilla itself), but a sample repository, made with one click.
 */
describe.skipIf(skipWithoutBrowser)("dashboard: first run in Flotilla's own folder", () => {
  let env: E2eHost;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    env = await startE2eHost({ workingDir: packageRoot() });
    browser = await launchBrowser();
    page = await openPage(browser, env.url);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await env?.stop();
  }, 60_000);

  it('offers to create a sample repository, and the demo agent runs in it', async () => {
    await page.getByRole('button', { name: 'Try the demo agent' }).click();
    const dialog = page.getByRole('dialog', { name: 'New session' });
    const repo = dialog.getByLabel('Repository', { exact: true });
    const create = dialog.getByRole('button', { name: 'Create a sample repository' });
    await create.waitFor();
    expect(await repo.inputValue()).toBe('');
    expect(await dialog.innerText()).not.toContain(packageRoot());
    await saveScreenshot(page, 'first-run-sample-offer');

    await create.click();
    const sample = path.join(env.manager.dataDir, 'sample-repo');
    await page.waitForFunction(
      (wanted) => (document.getElementById('ns-repo') as HTMLInputElement | null)?.value === wanted,
      sample,
    );
    await dialog.getByRole('option', { name: 'main (current)' }).waitFor({ state: 'attached' });
    await dialog.getByRole('button', { name: 'Start 1 agent' }).click();
    await dialog.waitFor({ state: 'detached' });

    const [session] = env.manager.list();
    expect(session?.repoPath).toBe(sample);
    await waitForStatus(card(page, session?.name ?? ''), 'waiting');
    expect(gitSync(sample, ['rev-list', '--count', 'main'])).toBe('1');
    // Flotilla's own checkout got no worktree of a demo.
    expect(gitSync(packageRoot(), ['worktree', 'list', '--porcelain'])).not.toContain(env.manager.dataDir);
  });
});
