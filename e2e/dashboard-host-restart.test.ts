import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempRepo, type TempRepo } from '../electron/test-support/temp-repo.js';
import { FLOTILLA_BIN, startServeProcess, type ServeProcess } from '../electron/test-support/serve-process.js';
import { testEnv } from '../electron/test-support/test-manager.js';
import { launchBrowser, saveScreenshot, skipWithoutBrowser } from './support/browser.js';
import { card, createFromDialog, openPage, waitForStatus } from './support/dashboard-page.js';

/** The page's address, as `flotilla serve` prints it on its second line. */
async function servedUrl(serve: ServeProcess): Promise<string> {
  expect(await serve.settled, serve.stderr()).toBe('serving');
  const url = /^http:\/\/127\.0\.0\.1:\d+\/\?token=\S+$/m.exec(serve.stdout())?.[0];
  if (!url) throw new Error(`no URL in: ${serve.stdout()}`);
  return url;
}

/**
 * A tab left open across a real `flotilla serve` restart (Ctrl-C, then serve again on the same data dir):
 * read-only while the host is away, then back by itself, as the host keeps its port and token.
 */
describe.skipIf(skipWithoutBrowser)('dashboard: a tab left open across a flotilla serve restart', () => {
  let temp: TempRepo;
  let serve: ServeProcess | undefined;
  let browser: Browser;
  let page: Page;
  const env = { ...testEnv(), FLOTILLA_DEMO_BUSY_MS: '400' };

  beforeAll(async () => {
    temp = createTempRepo('webapp');
    serve = startServeProcess(temp.dataDir, [], env);
    const url = await servedUrl(serve);
    browser = await launchBrowser();
    page = await openPage(browser, url);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await temp?.cleanup();
  }, 60_000);

  it('is read-only while the host is down and works again, without a reload, once serve is started again', async () => {
    await createFromDialog(page, { repo: temp.repo, prompt: 'before the restart', name: 'before' });
    await waitForStatus(card(page, 'before'), 'waiting');
    const firstUrl = serve?.stdout() ?? '';
    const newSession = page.getByRole('button', { name: 'New session', exact: true });
    const banner = page.getByRole('alert').filter({ hasText: 'Disconnected — reconnecting…' });

    await serve?.stop(); // Ctrl-C: agents paused
    await banner.waitFor();
    expect(await newSession.isDisabled()).toBe(true);
    expect(await card(page, 'before').getByRole('button', { name: 'Pause' }).isDisabled()).toBe(true);
    await saveScreenshot(page, 'host-restart-offline');

    serve = startServeProcess(temp.dataDir, [], env);
    const again = await servedUrl(serve);
    expect(firstUrl).toContain(again); // same port, same token
    await banner.waitFor({ state: 'detached', timeout: 20_000 });
    await waitForStatus(card(page, 'before'), 'paused');
    expect(await newSession.isEnabled()).toBe(true);
    await createFromDialog(page, { repo: temp.repo, prompt: 'after the restart', name: 'after' });
    await waitForStatus(card(page, 'after'), 'waiting');
  });

  it('after `flotilla token --rotate` and a restart, the page says the host refuses it; the new address works', async () => {
    await serve?.stop();
    execFileSync(process.execPath, [FLOTILLA_BIN, 'token', '--rotate', '--data-dir', temp.dataDir], { env });
    serve = startServeProcess(temp.dataDir, [], env);
    const rotated = await servedUrl(serve);
    await page.getByRole('alert').filter({ hasText: 'The host refuses this page' }).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('button', { name: 'New session', exact: true }).isDisabled()).toBe(true);
    await saveScreenshot(page, 'host-restart-refused');

    await page.goto(rotated);
    await waitForStatus(card(page, 'after'), 'paused'); // stopped with the host
    expect(await page.getByRole('alert').filter({ hasText: 'refuses' }).count()).toBe(0);
  });
});
