import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Session } from '../shared/session.js';
import { waitForScreen, waitForStatus } from '../electron/test-support/wait-for.js';
import { launchBrowser, RESULTS_DIR, saveScreenshot, skipWithoutBrowser } from './support/browser.js';
import { startE2eHost, type E2eHost } from './support/e2e-host.js';

// Screenshots for people to look at (README, reviews): `FLOTILLA_SCREENSHOTS=1 npx vitest run e2e/dashboard-screens.test.ts`.
const enabled = process.env.FLOTILLA_SCREENSHOTS === '1';
const DIR = process.env.FLOTILLA_SCREENSHOT_DIR ?? path.join(RESULTS_DIR, 'screens');
const [WIDTH, HEIGHT] = (process.env.FLOTILLA_SCREENSHOT_SIZE ?? '1440x900').split('x').map(Number);

const PROMPTS = [
  'add a README section',
  'write unit tests for the parser',
  'refactor the HTTP client',
  'fix flaky login test',
  'document the CLI flags',
  'bump dependencies',
  'add dark mode',
  'profile the build',
  'run npm test',
  'tidy the changelog',
];

/** The grid at 1, 10 and 50 sessions in a mix of states, the waiting card, the dialog and the focused view, dark and light. */
describe.skipIf(!enabled || skipWithoutBrowser)('dashboard screenshots', () => {
  let env: E2eHost;
  let browser: Browser;
  let page: Page;
  const sessions: Session[] = [];
  const shot = (name: string) => page.screenshot({ path: path.join(DIR, `${name}.png`) });
  const setTheme = async (theme: 'dark' | 'light') => {
    const toggle = page.getByRole('button', { name: theme === 'light' ? 'Light theme' : 'Dark theme' });
    if (await toggle.count()) await toggle.click();
    await page.waitForTimeout(300);
  };
  /** The same view in both themes, ending dark. */
  const both = async (name: string, take: (name: string) => Promise<unknown> = shot) => {
    await setTheme('dark');
    await take(`${name}-dark`);
    await setTheme('light');
    await take(`${name}-light`);
    await setTheme('dark');
  };
  const create = async (prompt: string) => {
    const [session] = await env.manager.create({ repoPath: env.repo.repo, provider: 'demo', prompt });
    if (session) sessions.push(session);
    return session!;
  };
  const openDialog = async () => {
    await page.getByRole('button', { name: 'New session', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'New session' });
    await dialog.getByRole('option', { name: /\(current\)/ }).waitFor({ state: 'attached' });
    return dialog;
  };

  beforeAll(async () => {
    env = await startE2eHost({ busyMs: 600 });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: WIDTH ?? 1440, height: HEIGHT ?? 900 } });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await env?.stop();
  }, 60_000);

  it('takes the screens', async (context) => {
    context.onTestFailed(async () => void (await saveScreenshot(page, 'screens-failed')));
    await page.goto(env.url);
    await page.getByRole('button', { name: 'Try the demo agent' }).waitFor({ timeout: 10_000 });
    await both('01-empty');

    const first = await create(PROMPTS[0]!);
    await waitForStatus(env.manager, first.id, 'waiting', 20_000);
    await page.waitForTimeout(1500);
    await both('02-grid-1');
    await both('03-waiting-card', (name) =>
      page
        .getByRole('article')
        .first()
        .screenshot({ path: path.join(DIR, `${name}.png`) }),
    );

    // Ten sessions in every state a grid shows: waiting, idle with a diff, paused, streaming, failed, cancelled.
    for (const prompt of PROMPTS.slice(1)) await create(prompt);
    for (const s of sessions) await waitForStatus(env.manager, s.id, 'waiting', 20_000);
    const [, idle, paused, streaming, failed, cancelled] = sessions;
    await env.manager.approve(first.id);
    await env.manager.approve(idle!.id);
    await waitForStatus(env.manager, idle!.id, 'idle', 10_000);
    await env.manager.pause([paused!.id]);
    await env.manager.deny(streaming!.id);
    await env.manager.deny(failed!.id);
    await waitForStatus(env.manager, failed!.id, 'idle', 10_000);
    await env.manager.send(failed!.id, 'crash');
    await waitForStatus(env.manager, streaming!.id, 'idle', 10_000);
    await env.manager.send(streaming!.id, 'flood 200');
    await env.manager.kill([cancelled!.id]);
    await page.waitForTimeout(2500);
    await both('04-grid-10');

    // The theme toggle is behind the dialog: each theme gets a dialog of its own.
    await both('05-dialog', async (name) => {
      const dialog = await openDialog();
      await dialog.getByRole('button', { name: /Add another agent/ }).click();
      await dialog.getByLabel('Prompt').fill('add input validation to the signup form');
      await dialog
        .getByRole('spinbutton', { name: /How many/ })
        .first()
        .fill('2');
      await shot(name);
      // The dialog alone (small enough for the README).
      await page.locator('.modal').screenshot({ path: path.join(DIR, `${name}-only.png`) });
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
    });

    const name = idle!.name;
    await page.getByRole('article', { name, exact: true }).getByRole('button', { name, exact: true }).click();
    await page.locator('.xterm').waitFor({ timeout: 5000 });
    await waitForScreen(env.manager, idle!.id, 'Done.', 5000);
    await page.waitForTimeout(2000);
    await both('07-focused');
    await page.getByRole('button', { name: '← Grid' }).click();

    // The dialog while three sessions are made (a slow setup command holds them at "creating worktree").
    await env.manager.repos.setSettings({ repoPath: env.repo.repo, setupCommand: 'sleep 3' });
    const progress = await openDialog();
    await progress.getByRole('spinbutton', { name: /How many/ }).fill('3');
    await progress.getByLabel('Prompt').fill('write the migration guide');
    await progress.getByLabel('Name (optional)').fill('migration guide');
    await progress.getByRole('button', { name: 'Start 3 agents' }).click();
    await progress.getByRole('region', { name: 'Creation progress' }).getByRole('listitem').nth(2).waitFor();
    await shot('06-dialog-progress-dark');
    await page.locator('.modal').screenshot({ path: path.join(DIR, '06-dialog-progress-only-dark.png') });
    await progress.waitFor({ state: 'detached', timeout: 20_000 });
    await env.manager.repos.setSettings({ repoPath: env.repo.repo, setupCommand: '' });

    await env.manager.kill([streaming!.id]);
    while (env.manager.list().length < 50)
      await create(`${PROMPTS[sessions.length % PROMPTS.length]} ${sessions.length + 1}`);
    for (const s of sessions.slice(10)) await waitForStatus(env.manager, s.id, 'waiting', 30_000);
    await page.waitForTimeout(2500);
    await both('08-grid-50');
    // The same 50 in the compact density (top bar toggle): about half of them at once, answers on the cards.
    await page.getByRole('button', { name: 'Compact cards' }).click();
    await page.waitForTimeout(1000);
    await both('08-grid-50-compact');
    await page.getByRole('button', { name: 'Compact cards' }).click();
    // All 50 at a glance: a page twice the size, drawn at half scale.
    const overview = await browser.newPage({
      viewport: { width: 2 * (WIDTH ?? 1440), height: 2 * (HEIGHT ?? 900) },
      deviceScaleFactor: 0.5,
    });
    await overview.goto(env.url);
    await overview.getByRole('article').nth(49).waitFor();
    await overview.waitForTimeout(2500);
    await overview.screenshot({ path: path.join(DIR, '08-grid-50-overview-dark.png') });
    await overview.close();

    await page.getByRole('button', { name: 'Settings' }).click();
    await shot('09-settings-dark');
  }, 300_000);
});
