import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { waitFor, waitForScreen } from '../electron/test-support/wait-for.js';
import { skipWithoutBrowser } from './support/browser.js';
import { card, createFromDialog, waitForStatus, waitForTerminalText } from './support/dashboard-page.js';
import { useDashboard } from './support/dashboard-suite.js';
import { sessionNamed, type E2eHost } from './support/e2e-host.js';

/** The dashboard in Debian's Chromium against a real host, engine and demo agents. */
describe.skipIf(skipWithoutBrowser)('dashboard: sessions', () => {
  let env: E2eHost;
  let page: Page;
  const byName = (name: string) => sessionNamed(env.manager, name);

  useDashboard('sessions', (suite) => ({ env, page } = suite));

  it('first run shows the empty state offering the demo agent, and hides the token from the URL', async () => {
    await page.getByRole('button', { name: 'Try the demo agent' }).waitFor();
    expect(page.url()).not.toContain('token=');
  });

  it('creates one session from the dialog; its card shows live output and the question', async () => {
    await createFromDialog(page, { repo: env.repo.repo, prompt: 'write the docs', name: 'alpha' });
    const alpha = card(page, 'alpha');
    await waitForStatus(alpha, 'waiting');
    // Live output in the preview; the question once, in its own box (the preview stops above it).
    await alpha.getByTestId('card-preview').filter({ hasText: 'Flotilla demo agent' }).waitFor();
    await alpha.getByText('Do you want to create write-the-docs.txt?', { exact: true }).waitFor();
    expect(await alpha.getByText('Do you want to create write-the-docs.txt?').count()).toBe(1);
  });

  it('approves from the card: the agent writes its file in the worktree', async () => {
    const alpha = card(page, 'alpha');
    await alpha.getByRole('button', { name: 'Approve', exact: true }).click();
    await waitForStatus(alpha, 'idle');
    const session = byName('alpha');
    expect(existsSync(path.join(session.worktreePath, 'write-the-docs.txt'))).toBe(true);
  });

  it('creates N sessions at once, fanned out over two agent rows', async () => {
    await createFromDialog(page, { repo: env.repo.repo, prompt: 'add tests', name: 'fleet', counts: [2, 1] });
    for (const name of ['fleet 1 #1', 'fleet 1 #2', 'fleet 2']) await waitForStatus(card(page, name), 'waiting');
    expect(await page.getByRole('article').count()).toBe(4);
  });

  it('focused terminal: shows the screen and sends keystrokes to the agent', async () => {
    await card(page, 'alpha').getByRole('button', { name: 'alpha', exact: true }).click();
    await waitForTerminalText(page, 'Wrote write-the-docs.txt');
    // Every row fits in the pane (none cut at the bottom), and what is left below them has the terminal's
    // background, not xterm's default black.
    const layout = await page.evaluate(() => {
      const pane = document.querySelector('.terminal-host')!.getBoundingClientRect();
      const rows = document.querySelector('.terminal-host .xterm-screen')!.getBoundingClientRect();
      const gap = document.elementFromPoint(pane.left + 50, pane.bottom - 1)!;
      return {
        overflow: rows.bottom - pane.bottom,
        gapColour: getComputedStyle(gap.closest('.xterm')!).backgroundColor,
      };
    });
    expect(layout.overflow).toBeLessThanOrEqual(0.5);
    expect(layout.gapColour).not.toMatch(/^rgba?\(0, 0, 0(, 1)?\)$|rgba\(0, 0, 0, 0\)/);
    await page.locator('.xterm').click();
    await page.keyboard.type('polish the intro');
    await page.keyboard.press('Enter');
    await waitForTerminalText(page, 'Do you want to create polish-the-intro.txt?');
    await waitForScreen(env.manager, byName('alpha').id, 'Do you want to create polish-the-intro.txt?', 10_000);
    await page.getByRole('button', { name: '← Grid' }).click();
  });

  it('auto-yes on a waiting card answers its question', async () => {
    const alpha = card(page, 'alpha');
    await waitForStatus(alpha, 'waiting');
    await alpha.getByLabel('Auto-yes').check();
    await waitForStatus(alpha, 'idle');
    await waitFor(() => existsSync(path.join(byName('alpha').worktreePath, 'polish-the-intro.txt')), {
      what: 'the auto-approved file',
    });
  });

  it('pauses, resumes and terminates one session from its card', async () => {
    const fleet = card(page, 'fleet 2');
    await fleet.getByRole('button', { name: 'Pause', exact: true }).click();
    await waitForStatus(fleet, 'paused');
    expect(byName('fleet 2').status).toBe('paused');
    await fleet.getByRole('button', { name: 'Resume', exact: true }).click();
    await fleet.locator('.card-head [data-status="paused"]').waitFor({ state: 'detached' });
    await fleet.getByRole('button', { name: 'Terminate', exact: true }).click();
    await waitForStatus(fleet, 'cancelled');
  });

  it('batch: shift-click selects a range, pause and resume all, terminate after one confirmation', async () => {
    const first = card(page, 'fleet 1 #1');
    const second = card(page, 'fleet 1 #2');
    await first.locator('.preview').click();
    await second.locator('.preview').click({ modifiers: ['Shift'] });
    // Sessions created together may interleave with "fleet 2": ctrl-click takes it out of the range.
    const middle = card(page, 'fleet 2').getByLabel('Select fleet 2');
    if (await middle.isChecked())
      await card(page, 'fleet 2')
        .locator('.preview')
        .click({ modifiers: ['Control'] });
    await page.getByText('2 selected').waitFor();
    expect(await first.getByLabel('Select fleet 1 #1').isChecked()).toBe(true);
    expect(await second.getByLabel('Select fleet 1 #2').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Pause selected' }).click();
    await Promise.all([waitForStatus(first, 'paused'), waitForStatus(second, 'paused')]);
    await page.getByRole('button', { name: 'Resume selected' }).click();
    await Promise.all([waitForStatus(first, 'waiting'), waitForStatus(second, 'waiting')]);
    await page.getByRole('button', { name: 'Terminate selected' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Terminate 2 sessions?' });
    await confirm.getByRole('button', { name: 'Terminate 2 sessions' }).click();
    await Promise.all([waitForStatus(first, 'cancelled'), waitForStatus(second, 'cancelled')]);
    expect(byName('alpha').status).toBe('idle');
  });

  it('broadcasts a message to every selected session', async () => {
    await createFromDialog(page, { repo: env.repo.repo, prompt: 'warm up', name: 'echo', counts: [2] });
    for (const name of ['echo #1', 'echo #2']) {
      await waitForStatus(card(page, name), 'waiting');
      await card(page, name).getByRole('button', { name: 'Approve', exact: true }).click();
      await waitForStatus(card(page, name), 'idle');
    }
    await page
      .getByRole('button', { name: 'None' })
      .click()
      .catch(() => undefined);
    await card(page, 'echo #1').getByLabel('Select echo #1').check();
    await card(page, 'echo #2').getByLabel('Select echo #2').check();
    await page.getByLabel('Message to selected sessions').fill('ship it');
    await page.getByRole('button', { name: 'Broadcast' }).click();
    for (const name of ['echo #1', 'echo #2'])
      await waitForScreen(env.manager, byName(name).id, 'Do you want to create ship-it.txt?', 10_000);
  });

  it('removes sessions: a clean one at once, one with changes after naming them', async () => {
    await card(page, 'fleet 2').getByRole('button', { name: 'Remove', exact: true }).click();
    await card(page, 'fleet 2').waitFor({ state: 'detached' });
    const worktree = byName('alpha').worktreePath;
    await card(page, 'alpha').getByRole('button', { name: 'Remove', exact: true }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Remove alpha?' });
    await confirm.getByText(/uncommitted changes/).waitFor();
    await confirm.getByRole('button', { name: 'Remove anyway' }).click();
    await card(page, 'alpha').waitFor({ state: 'detached' });
    await waitFor(() => !existsSync(worktree), { what: 'the removed worktree to be gone' });
  });
});
