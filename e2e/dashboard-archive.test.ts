import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { skipWithoutBrowser } from './support/browser.js';
import { card, waitForStatus } from './support/dashboard-page.js';
import { useDashboard } from './support/dashboard-suite.js';
import type { E2eHost } from './support/e2e-host.js';

/** Archiving a finished session out of the grid, and finding it (and its last screen) in the Archived view. */
describe.skipIf(skipWithoutBrowser)('dashboard: archive', () => {
  let env: E2eHost;
  let page: Page;

  useDashboard('archive', (suite) => ({ env, page } = suite));

  it('terminates a session, archives it from its card, and shows its last screen in the Archived view', async () => {
    const [session] = await env.manager.create({ repoPath: env.repo.repo, prompt: 'old work', name: 'oldie' });
    await env.manager.create({ repoPath: env.repo.repo, prompt: 'new work', name: 'keeper' });
    const oldie = card(page, 'oldie');
    await waitForStatus(oldie, 'waiting');
    expect(await oldie.getByRole('button', { name: 'Archive', exact: true }).count()).toBe(0); // live: not archivable

    await oldie.getByRole('button', { name: 'Terminate', exact: true }).click();
    await waitForStatus(oldie, 'cancelled');
    await oldie.getByRole('button', { name: 'Archive', exact: true }).click();
    await oldie.waitFor({ state: 'detached' });
    await card(page, 'keeper').waitFor();
    expect(env.manager.get(session!.id).archivedAt).not.toBeNull();

    await page.getByRole('button', { name: 'Archived', exact: true }).click();
    const view = page.getByRole('region', { name: 'Archived sessions' });
    await view.getByRole('button', { name: 'oldie', exact: true }).waitFor();
    expect(await view.getByRole('button', { name: 'keeper', exact: true }).count()).toBe(0);
    await view.getByLabel('Last screen').filter({ hasText: 'Do you want to create old-work.txt?' }).waitFor();
    await view.getByRole('region', { name: 'Session details' }).waitFor();

    await view.getByRole('button', { name: 'Unarchive', exact: true }).click();
    await view.getByText('Nothing archived yet', { exact: false }).waitFor();
    await page.getByRole('button', { name: '← Grid' }).click();
    await waitForStatus(card(page, 'oldie'), 'cancelled');
    expect(env.manager.get(session!.id).archivedAt).toBeNull();
  });
});
