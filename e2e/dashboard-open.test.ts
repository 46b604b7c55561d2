import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionManager } from '../electron/engine/index.js';
import type { RunningHost } from '../electron/host/host-server.js';
import { engineHandlers } from '../electron/api/engine-handlers.js';
import type { NativeOpener } from '../electron/api/open-handlers.js';
import { createTempRepo, type TempRepo } from '../electron/test-support/temp-repo.js';
import { startTestHost } from '../electron/test-support/test-host.js';
import { waitFor } from '../electron/test-support/wait-for.js';
import { launchBrowser, saveScreenshot, skipWithoutBrowser } from './support/browser.js';
import { card, openPage } from './support/dashboard-page.js';
import { RENDERER_DIR } from './support/e2e-host.js';

const FAKE_OPEN = fileURLToPath(new URL('../electron/cli/fixtures/fake-open.mjs', import.meta.url));

/**
 * Open in editor / Open terminal as the desktop app offers them: the host's handlers get a stand-in for
 * Electron's shell (Electron cannot run here), the editor is a fake that records how it was started, and
 * the editor command is set through the Settings form.
 */
describe.skipIf(skipWithoutBrowser)('dashboard: open the worktree (desktop host)', () => {
  let repo: TempRepo;
  let manager: SessionManager;
  let host: RunningHost;
  let browser: Browser;
  let page: Page;
  const out = () => path.join(repo.dir, 'opened.json');

  beforeAll(async () => {
    repo = createTempRepo('opener');
    manager = await SessionManager.open({
      dataDir: repo.dataDir,
      env: { ...process.env, FLOTILLA_DEMO_BUSY_MS: '400' },
    });
    const opener: NativeOpener = {
      env: { ...process.env, FAKE_OPEN_OUT: out() },
      openPath: () => Promise.resolve('not expected in this test'),
    };
    host = await startTestHost(manager, {
      handlers: engineHandlers(manager, { version: 'e2e', startedAt: new Date().toISOString(), opener }),
      staticDir: RENDERER_DIR,
      port: 0,
      host: '127.0.0.1',
    });
    browser = await launchBrowser();
    page = await openPage(browser, host.url);
  }, 60_000);

  afterAll(async () => {
    if (page) await saveScreenshot(page, 'open-last');
    await browser?.close();
    await host?.close();
    await manager?.close();
    await repo?.cleanup();
  }, 60_000);

  it('saves the editor command from Settings (a bad JSON array is refused on its field)', async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const editor = page.getByRole('dialog', { name: 'Settings' }).getByLabel('Editor command', { exact: true });
    await editor.fill('[oops');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('not a valid JSON array', { exact: false }).waitFor();

    await editor.fill(`${FAKE_OPEN} --reuse-window`);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('button', { name: 'Save settings' }).waitFor({ state: 'detached' });
    expect(manager.settings().editorCommand).toEqual([FAKE_OPEN, '--reuse-window']);
  });

  it('opens the worktree in the editor from the focused view', async () => {
    // As the test above saved it (set again so this test stands alone).
    manager.updateSettings({ editorCommand: [FAKE_OPEN, '--reuse-window'] });
    const [session] = await manager.create({ repoPath: repo.repo, prompt: 'edit me', name: 'editable' });
    await card(page, 'editable').getByRole('button', { name: 'editable', exact: true }).click();
    await page.getByRole('region', { name: 'Session details' }).waitFor();
    expect(await page.getByRole('button', { name: 'Copy path' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Open in editor', exact: true }).click();
    await waitFor(() => existsSync(out()) && readFileSync(out(), 'utf8').length > 0, { what: 'the editor to start' });
    expect(JSON.parse(readFileSync(out(), 'utf8'))).toMatchObject({
      argv: ['--reuse-window', session!.worktreePath],
      cwd: session!.worktreePath,
    });
  });
});
