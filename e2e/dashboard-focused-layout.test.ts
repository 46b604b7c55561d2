import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { waitForStatus as waitForSession } from '../electron/test-support/wait-for.js';
import { saveScreenshot, skipWithoutBrowser } from './support/browser.js';
import { card, waitForStatus } from './support/dashboard-page.js';
import { useDashboard } from './support/dashboard-suite.js';
import type { E2eHost } from './support/e2e-host.js';

/** How many rows the focused terminal has (xterm draws one element per row). */
const terminalRows = (page: Page) => page.locator('.terminal-host .xterm-rows > div').count();

const box = async (target: Locator) => {
  const found = await target.boundingBox();
  if (!found) throw new Error('not on screen');
  return found;
};

/** The focused view at 1280×720: an empty diff pane gives its room to the terminal, a full one can be resized, the header keeps one row. */
describe.skipIf(skipWithoutBrowser)('dashboard: focused view layout', () => {
  let env: E2eHost;
  let page: Page;
  let worktree = '';

  useDashboard('focused-layout', (suite) => ({ env, page } = suite));

  const create = async (prompt: string, name: string) => {
    const [session] = await env.manager.create({ repoPath: env.repo.repo, provider: 'demo', prompt, name });
    await waitForSession(env.manager, session!.id, 'waiting', 20_000);
    return session!;
  };
  const open = async (name: string) => {
    await card(page, name).getByRole('button', { name, exact: true }).click();
    await page.locator('.terminal-host .xterm-rows').waitFor();
  };

  it('folds an empty diff pane to its header so the terminal gets the height', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    const session = await create('write the docs', 'empty');
    worktree = session.worktreePath;
    await env.manager.deny(session.id);
    await waitForSession(env.manager, session.id, 'idle', 10_000);
    await open('empty');
    const changes = page.getByRole('region', { name: 'Changes' });
    await changes.getByLabel('Diff totals').getByText('No changes against').waitFor();
    await page.waitForTimeout(300); // the terminal refits after the pane folds
    const pane = await box(changes);
    expect(pane.height).toBeLessThanOrEqual(56);
    expect(await terminalRows(page)).toBeGreaterThanOrEqual(30);
    expect(await page.getByRole('separator', { name: 'Resize the changes pane' }).count()).toBe(0);
    await saveScreenshot(page, 'focused-layout-empty');
  });

  it('resizes a diff pane with changes by its handle, and keeps the size after a reload', async () => {
    writeFileSync(path.join(worktree, 'notes.md'), '# Notes\n\nthe agent wrote these\n');
    const changes = page.getByRole('region', { name: 'Changes' });
    await changes.getByRole('option', { name: 'notes.md' }).waitFor();
    const before = await box(changes);
    expect(before.height).toBeGreaterThan(200);
    // Its actions on one row at 1280 px, the totals beside them.
    const commitTop = (await box(changes.getByRole('button', { name: 'Commit…' }))).y;
    expect((await box(changes.getByRole('button', { name: 'Discard changes' }))).y).toBeCloseTo(commitTop, 0);
    const handle = await box(page.getByRole('separator', { name: 'Resize the changes pane' }));
    const x = handle.x + handle.width / 2;
    const y = handle.y + handle.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x, y + 60, { steps: 4 });
    await page.mouse.move(x, y + 120, { steps: 4 });
    await page.mouse.up();
    const after = await box(changes);
    expect(before.height - after.height).toBeGreaterThan(100);
    expect(before.height - after.height).toBeLessThan(140);

    await page.reload();
    // The focused session survives a reload where the view is in the URL; otherwise it is opened again.
    await page
      .locator('.terminal-host .xterm-rows')
      .waitFor({ timeout: 3000 })
      .catch(() => open('empty'));
    await changes.getByRole('option', { name: 'notes.md' }).waitFor();
    expect(Math.abs((await box(changes)).height - after.height)).toBeLessThanOrEqual(4);
    await saveScreenshot(page, 'focused-layout-resized');
  });

  it('keeps the header on one row, its buttons in place, whatever the status', async () => {
    const name = 'migrate the settings page to the new form components and keep every validation rule';
    await create('write the docs', name);
    await page
      .getByRole('button', { name: '← Grid' })
      .click()
      .catch(() => undefined);
    await open(name);
    const head = page.locator('.focused-head');
    const remove = head.getByRole('button', { name: 'Remove', exact: true });
    const seen: { status: string; height: number; removeY: number; removeX: number }[] = [];
    const look = async (status?: 'waiting' | 'idle' | 'paused' | 'cancelled') => {
      if (status) await waitForStatus(head, status);
      seen.push({
        status: status ?? 'resumed',
        height: (await box(head)).height,
        removeY: (await box(remove)).y,
        removeX: (await box(remove)).x,
      });
    };
    await look('waiting');
    await page
      .getByRole('group', { name: `Question from ${name}` })
      .getByRole('button', { name: 'Approve' })
      .click();
    await look('idle');
    await head.getByRole('button', { name: 'Pause', exact: true }).click();
    await look('paused');
    await head.getByRole('button', { name: 'Resume', exact: true }).click();
    await head.getByRole('button', { name: 'Pause', exact: true }).waitFor();
    await look();
    await head.getByRole('button', { name: 'Terminate', exact: true }).click();
    await look('cancelled');
    await saveScreenshot(page, 'focused-layout-header');
    const first = seen[0]!;
    for (const state of seen) {
      expect(state.height, state.status).toBeLessThanOrEqual(44);
      expect(state.removeY, state.status).toBeCloseTo(first.removeY, 0);
      expect(state.removeX, state.status).toBeCloseTo(first.removeX, 0);
    }
  });
});
