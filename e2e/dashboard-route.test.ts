import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { skipWithoutBrowser } from './support/browser.js';
import { card, waitForStatus } from './support/dashboard-page.js';
import { useDashboard } from './support/dashboard-suite.js';
import { sessionNamed, type E2eHost } from './support/e2e-host.js';

/** The view in the URL (reload, back / forward, bookmarks), and the New session dialog's errors. */
describe.skipIf(skipWithoutBrowser)('dashboard: view in the URL', () => {
  let env: E2eHost;
  let page: Page;

  useDashboard('route', (suite) => ({ env, page } = suite));

  const focusedTitle = () => page.locator('.focused-head h1');
  const hash = () => page.evaluate(() => location.hash);

  it('a reload keeps the focused session; back goes to the grid, forward to the session again', async () => {
    await env.manager.create({ repoPath: env.repo.repo, provider: 'demo', prompt: 'stay put', name: 'routed' });
    const id = sessionNamed(env.manager, 'routed').id;
    await waitForStatus(card(page, 'routed'), 'waiting');
    await card(page, 'routed').getByRole('button', { name: 'routed', exact: true }).click();
    await focusedTitle().filter({ hasText: 'routed' }).waitFor();
    expect(await hash()).toBe(`#/s/${id}`);

    await page.reload();
    await focusedTitle().filter({ hasText: 'routed' }).waitFor();
    expect(await hash()).toBe(`#/s/${id}`);
    // Reloaded straight into the session, with no grid ever drawn: the rail still lists the sessions.
    await page.getByRole('navigation', { name: 'Sessions' }).getByRole('button', { name: /routed/ }).waitFor();

    await page.goBack();
    await waitForStatus(card(page, 'routed'), 'waiting');
    expect(await focusedTitle().count()).toBe(0);
    expect(await hash()).toBe('');

    await page.goForward();
    await focusedTitle().filter({ hasText: 'routed' }).waitFor();
    await page.getByRole('button', { name: '← Grid' }).click();
    await waitForStatus(card(page, 'routed'), 'waiting');
    expect(await hash()).toBe('');
  });

  it('the Archived view and Settings have their address too', async () => {
    await page.getByRole('button', { name: 'Archived' }).click();
    await page.waitForFunction(() => location.hash === '#/archived');
    await page.reload();
    await page.getByRole('region', { name: 'Archived sessions' }).waitFor();
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('dialog', { name: 'Settings' }).waitFor();
    expect(await hash()).toBe('#/settings');
    await page.goBack(); // closes Settings, back in the Archived view
    await page.getByRole('dialog', { name: 'Settings' }).waitFor({ state: 'detached' });
    expect(await hash()).toBe('#/archived');
    await page.goBack();
    await waitForStatus(card(page, 'routed'), 'waiting');
  });

  it('a bookmark of a session that is not there shows the grid, saying so', async () => {
    await page.evaluate(() => history.replaceState(null, '', '/#/s/no-such-session'));
    await page.reload();
    await page.getByText('No session no-such-session here').waitFor();
    await waitForStatus(card(page, 'routed'), 'waiting');
    expect(await hash()).toBe('');
  });

  it('Compare has its address: a reload shows the same two sessions side by side', async () => {
    await env.manager.create({ repoPath: env.repo.repo, provider: 'demo', prompt: 'other run', name: 'other' });
    await waitForStatus(card(page, 'other'), 'waiting');
    const [routed, other] = [sessionNamed(env.manager, 'routed').id, sessionNamed(env.manager, 'other').id];
    await card(page, 'routed').getByLabel('Select routed').check();
    await card(page, 'other').getByLabel('Select other').check();
    await page.getByRole('toolbar', { name: 'Batch actions' }).getByRole('button', { name: 'Compare' }).click();
    const view = page.getByRole('dialog', { name: 'Compare routed and other' });
    await view.waitFor();
    expect(await hash()).toBe(`#/compare/${routed}/${other}`);
    await page.reload();
    await view.waitFor();
    await page.keyboard.press('Escape');
    await view.waitFor({ state: 'detached' });
    expect(await hash()).toBe('');
  });

  it('New session: an error about a path goes once the field holds another', async () => {
    await page.getByRole('button', { name: 'New session', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'New session' });
    const repo = dialog.getByLabel('Repository', { exact: true });
    await repo.fill('/tmp/notrepo');
    await dialog.getByLabel('Prompt').fill('x');
    await dialog.getByRole('button', { name: /^Start/ }).click();
    const stale = dialog.getByRole('alert').filter({ hasText: '/tmp/notrepo' });
    await stale.waitFor();
    await repo.fill(env.repo.repo);
    await dialog.getByRole('option', { name: /\(current\)/ }).waitFor({ state: 'attached' });
    await stale.waitFor({ state: 'detached' });
    expect(await dialog.getByRole('alert').allTextContents()).toEqual([]);
    await page.keyboard.press('Escape');
  });
});
