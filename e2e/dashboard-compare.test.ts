import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { saveScreenshot, skipWithoutBrowser } from './support/browser.js';
import { card, createFromDialog, waitForStatus } from './support/dashboard-page.js';
import { useDashboard } from './support/dashboard-suite.js';
import { sessionNamed, type E2eHost } from './support/e2e-host.js';

/** Two runs of one prompt judged side by side: the union of their files and both patches of a file. */
describe.skipIf(skipWithoutBrowser)('dashboard: compare two sessions', () => {
  let env: E2eHost;
  let page: Page;
  const byName = (name: string) => sessionNamed(env.manager, name);
  const write = (name: string, file: string, content: string) => {
    const full = path.join(byName(name).worktreePath, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  };
  const setTheme = (theme: 'dark' | 'light') =>
    page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);

  useDashboard('compare', (suite) => ({ env, page } = suite));

  it('compares two selected sessions: shared and own files, both patches of a file, Esc closes', async () => {
    for (const name of ['left', 'right']) {
      await createFromDialog(page, { repo: env.repo.repo, prompt: 'write the docs', name });
      await waitForStatus(card(page, name), 'waiting');
      await card(page, name).getByRole('button', { name: 'Approve', exact: true }).click();
      await waitForStatus(card(page, name), 'idle');
    }
    write('left', 'README.md', '# temp repo\n\nLeft explains the setup.\n');
    write('left', 'docs/left-notes.md', 'one\ntwo\n');
    write('right', 'README.md', '# The temp repo\n');
    write('right', 'src/right.ts', 'export const right = 1;\n');
    await card(page, 'left').getByLabel('Diff stats').filter({ hasText: '3 files +6 −0' }).waitFor();
    await card(page, 'right').getByLabel('Diff stats').filter({ hasText: '3 files +4 −1' }).waitFor();

    await card(page, 'left').getByLabel('Select left').check();
    const compareButton = page.getByRole('toolbar', { name: 'Batch actions' }).getByRole('button', { name: 'Compare' });
    expect(await compareButton.isDisabled()).toBe(true); // one selected
    await card(page, 'right').getByLabel('Select right').check();
    await compareButton.click();

    const view = page.getByRole('dialog', { name: 'Compare left and right' });
    await view.getByText('4 files changed: 2 by both, 1 only by left, 1 only by right').waitFor();
    await view.getByLabel('left totals').filter({ hasText: '3 files +6 −0' }).waitFor();
    await view.getByLabel('right totals').filter({ hasText: '3 files +4 −1' }).waitFor();
    const table = view.getByRole('table', { name: 'Changed files in both sessions' });
    const rows = table.getByRole('row');
    // Both edit README.md's first lines: the conflict forecast marks it (and would list it first).
    await table.getByText('⚠ conflict').waitFor({ timeout: 30_000 });
    expect(await rows.allTextContents()).toEqual([
      'Fileleftright',
      'README.md⚠ conflictM +2 −0M +1 −1',
      'docs/left-notes.mdA +2 −0not changed',
      'src/right.tsnot changedA +1 −0',
      'write-the-docs.txtA +2 −0A +2 −0',
    ]);

    // The first file opens with both sessions' patches side by side.
    const leftPatch = view.getByRole('region', { name: 'left: README.md' });
    const rightPatch = view.getByRole('region', { name: 'right: README.md' });
    await leftPatch.getByText('Left explains the setup.').waitFor();
    await rightPatch.getByText('# The temp repo').waitFor();
    expect(await leftPatch.locator('.patch-row.add').count()).toBe(2);
    expect(await rightPatch.locator('.patch-row.del').count()).toBe(1);
    await saveScreenshot(page, 'compare-dark');
    await setTheme('light');
    await saveScreenshot(page, 'compare-light');
    await setTheme('dark');

    // A file only one session changed: the other side says so. j moves down the list too.
    await table.getByRole('button', { name: 'src/right.ts' }).click();
    await view.getByRole('region', { name: 'right: src/right.ts' }).getByText('export const right = 1;').waitFor();
    await view
      .getByRole('region', { name: 'left: src/right.ts' })
      .getByText('left did not change this file.')
      .waitFor();
    await page.keyboard.press('j');
    await view.getByRole('region', { name: 'left: write-the-docs.txt' }).getByText('Prompt: write the docs').waitFor();

    await page.keyboard.press('Escape');
    await view.waitFor({ state: 'detached' });
    // Esc closed only the compare view: the selection (and the grid) are still there.
    await page.getByText('2 selected').waitFor();
  });

  it('"Compare with…" in the focused view offers the other run of the same prompt', async () => {
    await card(page, 'left').getByRole('button', { name: 'left', exact: true }).click();
    const picker = page.getByRole('combobox', { name: 'Compare with…' });
    await picker.selectOption({ label: 'right (demo)' });
    const view = page.getByRole('dialog', { name: 'Compare left and right' });
    await view.getByText('Same prompt: write the docs').waitFor();
    await view.getByRole('button', { name: 'Close', exact: true }).click();
    await view.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'left', level: 1 }).waitFor();
  });
});
