import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { waitForStatus } from '../electron/test-support/wait-for.js';
import { launchBrowser, RESULTS_DIR, skipWithoutBrowser } from './support/browser.js';
import { startE2eHost, type E2eHost } from './support/e2e-host.js';

// Screenshots for people to look at (README, reviews): `FLOTILLA_SCREENSHOTS=1 npx vitest run e2e/dashboard-screens.test.ts`.
const enabled = process.env.FLOTILLA_SCREENSHOTS === '1';
const DIR = process.env.FLOTILLA_SCREENSHOT_DIR ?? path.join(RESULTS_DIR, 'screens');
const [WIDTH, HEIGHT] = (process.env.FLOTILLA_SCREENSHOT_SIZE ?? '1440x900').split('x').map(Number);
const COUNT = Number(process.env.FLOTILLA_SCREENSHOT_SESSIONS ?? 8);

describe.skipIf(!enabled || skipWithoutBrowser)('dashboard screenshots', () => {
  let env: E2eHost;
  let browser: Browser;
  let page: Page;
  const shot = (name: string) => page.screenshot({ path: path.join(DIR, `${name}.png`) });

  beforeAll(async () => {
    env = await startE2eHost({ busyMs: 600 });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: WIDTH ?? 1440, height: HEIGHT ?? 900 } });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await env?.stop();
  }, 60_000);

  it('takes the screens', async () => {
    await page.goto(env.url);
    await page.getByRole('button', { name: 'Try the demo agent' }).waitFor({ timeout: 10_000 });
    await shot('01-empty-dark');
    await page.getByRole('button', { name: 'Try the demo agent' }).click();
    const dialog = page.getByRole('dialog', { name: 'New session' });
    await dialog.waitFor({ timeout: 5000 });
    await dialog.getByLabel('Repository', { exact: true }).fill(env.repo.repo);
    await page
      .getByText('(current)')
      .waitFor({ state: 'attached', timeout: 5000 })
      .catch(() => undefined);
    await page.getByRole('button', { name: 'Add another agent' }).click();
    await shot('02-dialog');
    await page.keyboard.press('Escape');

    const prompts = [
      'add a README section',
      'write unit tests for the parser',
      'refactor the HTTP client',
      'fix flaky login test',
      'document the CLI flags',
      'bump dependencies',
      'add dark mode',
      'profile the build',
    ];
    const sessions = [];
    for (let i = 0; i < COUNT; i++) {
      const prompt = prompts[i % prompts.length] ?? 'task';
      const [session] = await env.manager.create({
        repoPath: env.repo.repo,
        provider: 'demo',
        prompt: COUNT > prompts.length ? `${prompt} ${i + 1}` : prompt,
      });
      if (session) sessions.push(session);
      if (i === 0) {
        await waitForStatus(env.manager, session?.id ?? '', 'waiting', 20_000);
        await page.waitForTimeout(1500);
        await shot('02b-grid-1-waiting');
        await page
          .getByRole('article')
          .first()
          .screenshot({ path: path.join(DIR, '02c-waiting-card.png') });
      }
    }
    for (const s of sessions) await waitForStatus(env.manager, s.id, 'waiting', 20_000);
    const [first, second, third, fourth] = sessions;
    if (first && second && third && fourth) {
      env.manager.approve(first.id);
      await waitForStatus(env.manager, first.id, 'idle', 10_000);
      await env.manager.pause([second.id]);
      env.manager.approve(third.id);
      await waitForStatus(env.manager, third.id, 'idle', 10_000);
      await env.manager.send(third.id, 'flood 1');
      await env.manager.kill([fourth.id]);
    }
    await page.waitForTimeout(2500);
    await shot(`03-grid-${COUNT}-dark`);
    await page.getByRole('button', { name: 'Light theme' }).click();
    await page.waitForTimeout(300);
    await shot(`04-grid-${COUNT}-light`);
    await page.getByRole('button', { name: 'New session', exact: true }).click();
    await shot('04b-dialog-light');
    await page.keyboard.press('Escape');
    const name = sessions[2]?.name ?? '';
    await page.getByRole('article', { name, exact: true }).getByRole('button', { name, exact: true }).click();
    await page.locator('.xterm').waitFor({ timeout: 5000 });
    await page.waitForTimeout(1500);
    await shot('05-focused-light');
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await page.waitForTimeout(300);
    await shot('05-focused-dark');
    await page.getByRole('button', { name: '← Grid' }).click();
    await page.getByRole('button', { name: 'Settings' }).click();
    await shot('06-settings');
  }, 180_000);
});
