import { rm } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { waitForStatus as waitForEngineStatus } from '../electron/test-support/wait-for.js';
import { saveScreenshot, skipWithoutBrowser } from './support/browser.js';
import { card, createFromDialog, waitForStatus } from './support/dashboard-page.js';
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

  it('archives the finished sessions of a selection from the batch bar, skipping (and counting) live ones', async () => {
    const done = await env.manager.create({
      repoPath: env.repo.repo,
      prompt: 'batch done',
      name: 'finished',
      count: 2,
    });
    await env.manager.kill(done.map((s) => s.id));
    await waitForStatus(card(page, 'finished #1'), 'cancelled');
    await waitForStatus(card(page, 'finished #2'), 'cancelled');
    await waitForStatus(card(page, 'keeper'), 'waiting');

    for (const name of ['finished #1', 'finished #2', 'keeper'])
      await page.getByLabel(`Select ${name}`, { exact: true }).check();
    await page
      .getByRole('toolbar', { name: 'Batch actions' })
      .getByRole('button', { name: 'Archive selected' })
      .click();
    await page.locator('.notices').getByText('Archived 2 sessions; 1 still running was skipped').waitFor();
    await card(page, 'finished #1').waitFor({ state: 'detached' });
    await card(page, 'finished #2').waitFor({ state: 'detached' });
    expect(done.map((s) => env.manager.get(s.id).archivedAt)).toEqual([expect.any(String), expect.any(String)]);
    // The live one stays in the grid, still selected; the archived ones left the selection.
    expect(await page.getByLabel('Select keeper', { exact: true }).isChecked()).toBe(true);
    await page.getByRole('toolbar', { name: 'Batch actions' }).getByText('1 selected').waitFor();
    await page.getByRole('toolbar', { name: 'Batch actions' }).getByRole('button', { name: 'None' }).click();
  });

  it('shows the diff of an archived session read-only, and says so when its worktree is gone', async () => {
    const [edited] = await env.manager.create({ repoPath: env.repo.repo, prompt: 'ship it', name: 'shipped' });
    const [gone] = await env.manager.create({ repoPath: env.repo.repo, prompt: 'vanish', name: 'vanished' });
    await waitForEngineStatus(env.manager, edited!.id, 'waiting');
    await env.manager.approve(edited!.id);
    await waitForEngineStatus(env.manager, edited!.id, 'idle');
    await env.manager.kill([edited!.id, gone!.id]);
    await rm(gone!.worktreePath, { recursive: true, force: true });
    env.manager.archive(gone!.id, true);
    env.manager.archive(edited!.id, true);

    await page.getByRole('button', { name: 'Archived', exact: true }).click();
    const view = page.getByRole('region', { name: 'Archived sessions' });
    await view.getByRole('button', { name: 'shipped', exact: true }).click();
    const changes = view.getByRole('region', { name: 'Changes' });
    const row = changes.getByRole('option', { name: 'ship-it.txt' });
    await row.click();
    await changes.getByRole('table', { name: 'Unified diff' }).getByText('Prompt: ship it').waitFor();
    // Read-only: nothing here commits, merges or reverts.
    for (const name of ['Commit…', 'Merge into base', 'Discard changes', 'Revert file']) {
      expect(await changes.getByRole('button', { name, exact: true }).count()).toBe(0);
    }
    await saveScreenshot(page, 'archive-diff-dark');

    await view.getByRole('button', { name: 'vanished', exact: true }).click();
    await view.getByText('The worktree of this session is gone, so there are no changes to show.').waitFor();
    expect(await view.getByText('Could not compute the diff').count()).toBe(0);
    await page.getByRole('button', { name: 'Light theme' }).click();
    await saveScreenshot(page, 'archive-diff-gone-light');
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await page.getByRole('button', { name: '← Grid' }).click();
  });

  it('h opens the Archived view and goes back; the help overlay lists it', async () => {
    await page.locator('body').click({ position: { x: 5, y: 600 } });
    await page.keyboard.press('h');
    const view = page.getByRole('region', { name: 'Archived sessions' });
    await view.getByRole('button', { name: 'shipped', exact: true }).waitFor();
    await page.keyboard.press('h');
    await view.waitFor({ state: 'detached' });
    await page.keyboard.press('h');
    await view.waitFor();
    await page.keyboard.press('Escape');
    await view.waitFor({ state: 'detached' });
    await card(page, 'keeper').waitFor();

    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.getByText('Archived sessions (again: back to the grid)').waitFor();
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
  });

  it('a session over the max-concurrent limit shows as Queued on its card, and terminating it cancels it', async () => {
    env.manager.updateSettings({ maxConcurrentSessions: 1 });
    try {
      // 'keeper' still runs, so the limit of 1 is taken.
      await createFromDialog(page, { repo: env.repo.repo, prompt: 'wait your turn', name: 'patient' });
      await page.locator('.notices').getByText('Started 0 sessions; 1 queued until running agents end').waitFor();
      const queued = env.manager.list().find((s) => s.name === 'patient');
      const patient = card(page, 'patient');
      await patient.locator('[data-queued]').filter({ hasText: 'Queued' }).waitFor();
      await patient.getByText('Queued: at most 1 agent runs at once.').waitFor();
      await saveScreenshot(page, 'queued-card-dark');
      await page.getByRole('button', { name: 'Light theme' }).click();
      await saveScreenshot(page, 'queued-card-light');
      await page.getByRole('button', { name: 'Dark theme' }).click();

      await patient.getByRole('button', { name: 'Terminate', exact: true }).click();
      await waitForStatus(patient, 'cancelled');
      expect(await patient.locator('[data-queued]').count()).toBe(0);
      expect(env.manager.get(queued!.id)).toMatchObject({ status: 'cancelled', pid: null });
    } finally {
      env.manager.updateSettings({ maxConcurrentSessions: 0 });
    }
  });
});
