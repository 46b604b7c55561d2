import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { gitSync } from '../electron/test-support/temp-repo.js';
import { saveScreenshot, skipWithoutBrowser } from './support/browser.js';
import { card, createFromDialog, waitForStatus } from './support/dashboard-page.js';
import { useDashboard } from './support/dashboard-suite.js';
import { sessionNamed, type E2eHost } from './support/e2e-host.js';

/** expect.poll waits 1 s by default; the host and the renderer get the e2e's usual time. */
const POLL = { timeout: 15_000 };

const lines = (n: number, edit: (i: number) => string | undefined = () => undefined) =>
  Array.from({ length: n }, (_, k) => edit(k + 1) ?? `export const value${k + 1} = ${k + 1}; // line ${k + 1}`).join(
    '\n',
  ) + '\n';

/** Reviewing hunk by hunk: syntax colours, expandable context, n / p between hunks, and reverting one hunk. */
describe.skipIf(skipWithoutBrowser)('dashboard: diff review', () => {
  let env: E2eHost;
  let page: Page;
  const byName = (name: string) => sessionNamed(env.manager, name);
  const hunkHeaders = (patch: Locator) => patch.locator('.patch-row.hunk');

  useDashboard('diff-review', (suite) => ({ env, page } = suite));

  it('colours a .ts file, expands its context, moves between hunks with n / p and reverts one hunk', async () => {
    writeFileSync(path.join(env.repo.repo, 'app.ts'), lines(60));
    writeFileSync(path.join(env.repo.repo, 'util.ts'), lines(10));
    gitSync(env.repo.repo, ['add', 'app.ts', 'util.ts']);
    gitSync(env.repo.repo, ['commit', '--quiet', '-m', 'sources']);

    await createFromDialog(page, { repo: env.repo.repo, prompt: 'review me', name: 'review' });
    await waitForStatus(card(page, 'review'), 'waiting');
    const worktree = byName('review').worktreePath;
    // Two hunks in app.ts (lines 5 and 40), one in util.ts.
    writeFileSync(
      path.join(worktree, 'app.ts'),
      lines(60, (i) =>
        i === 5 ? "export const value5 = 'five'; // changed" : i === 40 ? 'const forty = load(40);' : undefined,
      ),
    );
    writeFileSync(
      path.join(worktree, 'util.ts'),
      lines(10, (i) => (i === 8 ? 'function eight() {}' : undefined)),
    );

    await card(page, 'review').getByRole('button', { name: 'review', exact: true }).click();
    const changes = page.getByRole('region', { name: 'Changes' });
    const list = changes.getByRole('listbox', { name: 'Changed files' });
    await list.getByRole('option', { name: 'app.ts' }).click();
    const patch = changes.getByRole('table', { name: 'Unified diff' });
    await patch.getByText('const forty').waitFor();
    expect(await hunkHeaders(patch).count()).toBe(2);

    // Syntax colours inside the added line, with the word-level change still marked.
    const added = patch.locator('.patch-row.add', { hasText: 'forty' });
    await added.locator('.tok-keyword', { hasText: 'const' }).waitFor();
    expect(await added.locator('.tok-fn').textContent()).toBe('load');
    await patch.locator('.patch-row.add', { hasText: "'five'" }).locator('mark.word-change .tok-string').waitFor();

    // Context: one hidden line above, 28 between the hunks, 17 below (not known until fetched).
    await patch.getByText('1 hidden line above').waitFor();
    await patch.getByText('28 hidden lines between hunks', { exact: true }).waitFor();
    await patch.getByText('More lines below', { exact: true }).waitFor();
    await patch.getByRole('button', { name: 'Expand all lines below' }).click();
    await patch.locator('.patch-row.context', { hasText: 'value60 = 60' }).waitFor();
    expect(await patch.getByText(/lines? below/).count()).toBe(0);
    await patch.getByRole('button', { name: '↓ Show 20 more lines' }).click();
    await patch.getByText('8 hidden lines between hunks', { exact: true }).waitFor();
    await patch.locator('.patch-row.context', { hasText: 'value28 = 28' }).waitFor();
    const scroller = changes.locator('.diff-scroll');
    await scroller.evaluate((el) => (el.scrollTop = 0));
    await saveScreenshot(page, 'diff-review-dark');
    await page.getByRole('button', { name: 'Light theme' }).click();
    await saveScreenshot(page, 'diff-review-light');
    await changes.getByRole('button', { name: 'Side by side' }).click();
    const split = changes.getByRole('table', { name: 'Side-by-side diff' });
    await split.locator('.patch-half.add .tok-fn', { hasText: 'load' }).waitFor();
    await scroller.evaluate((el) => (el.scrollTop = 0));
    await saveScreenshot(page, 'diff-review-split-light');
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await changes.getByRole('button', { name: 'Unified' }).click();

    // n / p: hunk by hunk, on to the next file and back; the dashboard's `n` (new session) stays shut.
    await list.focus();
    const current = () => changes.locator('.patch-row.hunk.current');
    await page.keyboard.press('n');
    await expect.poll(() => current().textContent(), POLL).toContain('@@ -2,7 +2,7 @@');
    await page.keyboard.press('n');
    await expect.poll(() => current().textContent(), POLL).toContain('@@ -37,7 +37,7 @@');
    await page.keyboard.press(']');
    await list.getByRole('option', { name: 'util.ts', selected: true }).waitFor();
    await expect.poll(() => current().textContent(), POLL).toContain('@@ -5,6 +5,6 @@');
    await page.keyboard.press('p');
    await list.getByRole('option', { name: 'app.ts', selected: true }).waitFor();
    await expect.poll(() => current().textContent(), POLL).toContain('@@ -37,7 +37,7 @@');
    // Back on app.ts, its expanded context is as it was left.
    await patch.locator('.patch-row.context', { hasText: 'value60 = 60' }).waitFor();
    await saveScreenshot(page, 'diff-review-current-hunk');
    expect(await page.getByRole('dialog', { name: 'New session' }).count()).toBe(0);

    // Revert the second hunk: it leaves the viewer and the file, the first stays.
    await patch.getByRole('button', { name: 'Revert hunk at line 37' }).click();
    await page
      .getByRole('alertdialog', { name: 'Revert this hunk of app.ts?' })
      .getByRole('button', { name: 'Revert hunk' })
      .click();
    await expect.poll(() => hunkHeaders(patch).count(), POLL).toBe(1);
    await patch.getByText('const forty').waitFor({ state: 'detached' });
    const content = readFileSync(path.join(worktree, 'app.ts'), 'utf8');
    expect(content).toContain('export const value40 = 40; // line 40');
    expect(content).toContain("export const value5 = 'five'; // changed");
    await changes.getByRole('option', { name: 'app.ts' }).filter({ hasText: '+1' }).waitFor();
  });
});
