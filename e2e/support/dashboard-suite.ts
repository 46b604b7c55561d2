import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { launchBrowser, saveScreenshot } from './browser.js';
import { openPage } from './dashboard-page.js';
import { startE2eHost, type E2eHost } from './e2e-host.js';

export interface DashboardSuite {
  env: E2eHost;
  browser: Browser;
  page: Page;
}

/**
 * The hooks every dashboard spec shares: a host on a temp repo, Chromium, a page on the dashboard, a
 * screenshot (named `<name>-<test>`) of any failing test, and teardown. `ready` receives them once up.
 */
export function useDashboard(name: string, ready: (suite: DashboardSuite) => void): void {
  let suite: Partial<DashboardSuite> = {};

  beforeAll(async () => {
    const env = await startE2eHost();
    suite = { env };
    const browser = await launchBrowser();
    suite.browser = browser;
    suite.page = await openPage(browser, env.url);
    ready(suite as DashboardSuite);
  }, 60_000);

  beforeEach((context) => {
    context.onTestFailed(async () => {
      if (suite.page) await saveScreenshot(suite.page, `${name}-${context.task.name}`);
    });
  });

  afterAll(async () => {
    await suite.browser?.close();
    await suite.env?.stop();
  }, 60_000);
}
