import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { gitSync } from '../electron/test-support/temp-repo.js';
import { saveScreenshot, skipWithoutBrowser } from './support/browser.js';
import { card, createFromDialog, waitForStatus } from './support/dashboard-page.js';
import { useDashboard } from './support/dashboard-suite.js';
import { sessionNamed, type E2eHost } from './support/e2e-host.js';
import { checkoutFiles } from './support/checkout-files.js';

/** The diff viewer of the focused view, against a real host, engine, git and demo agents. */
describe.skipIf(skipWithoutBrowser)('dashboard: diff viewer', () => {
  let env: E2eHost;
  let page: Page;
  const byName = (name: string) => sessionNamed(env.manager, name);

  useDashboard('diff', (suite) => ({ env, page } = suite));

  it('shows an approved edit in the viewer, reverts a stray file, commits, squash-merges, leaving the checkout alone', async () => {
    // The user's own checkout of the repository, with the base branch checked out: what it looks like now.
    const main = env.repo.repo;
    const headBefore = gitSync(main, ['symbolic-ref', '--short', 'HEAD']);
    const filesBefore = checkoutFiles(main);

    await createFromDialog(page, { repo: main, prompt: 'write the docs', name: 'alpha' });
    const alpha = card(page, 'alpha');
    await waitForStatus(alpha, 'waiting');
    await alpha.getByRole('button', { name: 'Approve', exact: true }).click();
    await waitForStatus(alpha, 'idle');
    // The host's session.diff event brings the totals to the card.
    await alpha.getByLabel('Diff stats').filter({ hasText: '1 file +2 −0' }).waitFor();
    // A stray edit beside the approved one, as agents make: the user throws it away from the viewer.
    const worktree = byName('alpha').worktreePath;
    writeFileSync(path.join(worktree, 'README.md'), '# temp repo\nstray line\n');

    await alpha.getByRole('button', { name: 'alpha', exact: true }).click();
    const changes = page.getByRole('region', { name: 'Changes' });
    const row = changes.getByRole('option', { name: 'write-the-docs.txt' });
    await row.waitFor();
    expect(await row.textContent()).toContain('+2');
    await row.click();
    const patch = changes.getByRole('table', { name: 'Unified diff' });
    await patch.getByText('Prompt: write the docs').waitFor();
    expect(await patch.locator('.patch-row.add').count()).toBe(2);
    await saveScreenshot(page, 'diff-viewer');

    await changes.getByRole('option', { name: 'README.md' }).click();
    await patch.getByText('stray line').waitFor();
    await changes.getByRole('button', { name: 'Revert file' }).click();
    await page
      .getByRole('alertdialog', { name: 'Revert README.md?' })
      .getByRole('button', { name: 'Revert file' })
      .click();
    await changes.getByRole('option', { name: 'README.md' }).waitFor({ state: 'detached' });
    expect(readFileSync(path.join(worktree, 'README.md'), 'utf8')).toBe('# temp repo\n');

    await changes.getByRole('button', { name: 'Commit…' }).click();
    const commit = page.getByRole('dialog', { name: 'Commit changes' });
    expect(await commit.getByRole('checkbox', { name: /^Include / }).count()).toBe(2); // "all files" + the one
    expect(await commit.getByRole('checkbox', { name: 'Include write-the-docs.txt' }).isChecked()).toBe(true);
    await commit.getByLabel('Commit message').fill('Docs from alpha');
    await commit.getByRole('button', { name: 'Commit', exact: true }).click();
    await commit.waitFor({ state: 'detached' });
    expect(gitSync(worktree, ['log', '-1', '--format=%s'])).toBe('Docs from alpha');
    expect(gitSync(worktree, ['show', '--name-only', '--format=', 'HEAD'])).toBe('write-the-docs.txt');
    expect(gitSync(worktree, ['status', '--porcelain'])).toBe('');

    await changes.getByRole('button', { name: 'Merge into base' }).click();
    const merge = page.getByRole('dialog', { name: 'Merge into main' });
    await merge.getByLabel('Squash commit message').fill('Squash: docs from alpha');
    await merge.getByRole('button', { name: 'Squash-merge' }).click();
    const merged = page.getByRole('dialog', { name: 'Merged' });
    await merged.getByRole('button', { name: 'Remove session' }).waitFor();
    await saveScreenshot(page, 'diff-merged');
    await merged.getByRole('button', { name: 'Keep session' }).click();

    expect(gitSync(main, ['log', '-1', '--format=%s', 'main'])).toBe('Squash: docs from alpha');
    expect(gitSync(main, ['show', '--name-only', '--format=', 'main'])).toBe('write-the-docs.txt');
    // The user's checkout: still on main and clean; its files are as they were, plus the merged one
    // (main was checked out clean, so the merge updated it), and the reverted README is not in it.
    expect(gitSync(main, ['symbolic-ref', '--short', 'HEAD'])).toBe(headBefore);
    expect(gitSync(main, ['status', '--porcelain'])).toBe('');
    expect(checkoutFiles(main)).toEqual({
      ...filesBefore,
      'write-the-docs.txt': readFileSync(path.join(worktree, 'write-the-docs.txt'), 'utf8'),
    });
  });

  it('opens a diff of 1,000 files at once, rendering only the visible rows; j/k move between files', async () => {
    await page.getByRole('button', { name: '← Grid' }).click();
    await createFromDialog(page, { repo: env.repo.repo, prompt: 'bulk change', name: 'bulk' });
    await waitForStatus(card(page, 'bulk'), 'waiting');
    const worktree = byName('bulk').worktreePath;
    mkdirSync(path.join(worktree, 'gen'));
    for (let i = 0; i < 1000; i++)
      writeFileSync(path.join(worktree, 'gen', `file-${String(i).padStart(4, '0')}.txt`), `line ${i}\n`);
    writeFileSync(path.join(worktree, 'README.md'), '# temporary repo\n');

    const started = Date.now();
    await card(page, 'bulk').getByRole('button', { name: 'bulk', exact: true }).click();
    const changes = page.getByRole('region', { name: 'Changes' });
    await changes.getByText('1001 files').waitFor();
    const list = changes.getByRole('listbox', { name: 'Changed files' });
    await list.getByRole('option', { name: 'gen/file-0000.txt' }).waitFor();
    console.log(`diff viewer: 1,001 files listed ${Date.now() - started} ms after focusing`);
    expect(await list.getByRole('option').count()).toBeLessThan(80);

    await list.focus();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('ArrowDown');
    // README.md sorts first, then gen/…
    await list.getByRole('option', { name: 'gen/file-0002.txt', selected: true }).waitFor();
    await page.keyboard.press('k');
    await list.getByRole('option', { name: 'gen/file-0001.txt', selected: true }).waitFor();
    // Still focused on "bulk": j/k in the list did not move to another session.
    expect(await page.locator('.focused-title').textContent()).toBe('bulk');
    await page.keyboard.press('v');
    await changes.getByText('1/1001 viewed').waitFor();
    await changes.getByRole('table', { name: 'Unified diff' }).getByText('line 1').waitFor();

    // Scrolled to the end, the last rows are rendered (and still only a window of them).
    await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await list.getByRole('option', { name: 'gen/file-0999.txt' }).waitFor();
    expect(await list.getByRole('option').count()).toBeLessThan(80);

    // A modified line: the changed word is highlighted, in both layouts.
    await list.evaluate((el) => (el.scrollTop = 0));
    await list.getByRole('option', { name: 'README.md' }).click();
    const unified = changes.getByRole('table', { name: 'Unified diff' });
    expect(await unified.locator('mark.word-change').allTextContents()).toEqual(['temp', 'temporary']);
    await changes.getByRole('button', { name: 'Side by side' }).click();
    const split = changes.getByRole('table', { name: 'Side-by-side diff' });
    await split.locator('mark.word-change', { hasText: 'temporary' }).waitFor();
    await saveScreenshot(page, 'diff-split');
  });

  it('shows the worktree disk use in the details, and commits only the files left checked', async () => {
    await page.getByRole('button', { name: '← Grid' }).click();
    await createFromDialog(page, { repo: env.repo.repo, prompt: 'add the notes', name: 'beta' });
    const beta = card(page, 'beta');
    await waitForStatus(beta, 'waiting');
    await beta.getByRole('button', { name: 'Approve', exact: true }).click();
    await waitForStatus(beta, 'idle');
    await beta.getByRole('button', { name: 'beta', exact: true }).click();

    // Measured when the details open; measured again when asked.
    const details = page.getByRole('region', { name: 'Session details' });
    const diskUse = details.locator('dt', { hasText: 'Disk use' }).locator('xpath=following-sibling::dd[1]');
    await diskUse.filter({ hasText: /^\d+ KB · \d+ files/ }).waitFor();
    const countBefore = Number(/(\d+) files/.exec((await diskUse.textContent()) ?? '')?.[1]);
    const worktree = byName('beta').worktreePath;
    writeFileSync(path.join(worktree, 'README.md'), '# temp repo\nedited by beta\n');
    writeFileSync(path.join(worktree, 'scratch.log'), Buffer.alloc(3 * 1024 * 1024, 'x'));
    await details.getByRole('button', { name: 'Refresh disk use' }).click();
    await diskUse.filter({ hasText: new RegExp(`^3\\.\\d MB · ${countBefore + 1} files`) }).waitFor();
    await saveScreenshot(page, 'diff-details-disk-use');

    const changes = page.getByRole('region', { name: 'Changes' });
    await changes.getByText('3 files').waitFor();
    await changes.getByRole('button', { name: 'Commit…' }).click();
    const commit = page.getByRole('dialog', { name: 'Commit changes' });
    const include = (file: string) => commit.getByRole('checkbox', { name: `Include ${file}`, exact: true });
    for (const file of ['README.md', 'add-the-notes.txt', 'scratch.log'])
      expect(await include(file).isChecked()).toBe(true);
    await include('scratch.log').uncheck();
    await commit.getByText('2 of 3 selected').waitFor();
    await commit.getByLabel('Commit message').fill('Notes, without the log');
    await saveScreenshot(page, 'diff-commit-dialog');
    await commit.getByRole('button', { name: 'Commit', exact: true }).click();
    await commit.waitFor({ state: 'detached' });
    await page.getByText(/Committed 2 files as [0-9a-f]{8}/).waitFor();

    // On the session branch, as the repository sees it: one commit holding the checked files only.
    const branch = byName('beta').branch;
    expect(gitSync(env.repo.repo, ['log', '-1', '--format=%s', branch])).toBe('Notes, without the log');
    const committed = gitSync(env.repo.repo, ['show', '--name-only', '--format=', branch]).split('\n').sort();
    expect(committed).toEqual(['README.md', 'add-the-notes.txt']);
    // The unchecked file is still there, uncommitted, and still in the viewer.
    expect(gitSync(worktree, ['status', '--porcelain'])).toBe('?? scratch.log');
    await changes.getByRole('option', { name: 'scratch.log' }).waitFor();
    // The list marks what is not committed yet, and Commit… offers only that now.
    await changes.getByRole('option', { name: 'scratch.log' }).getByLabel('not committed').waitFor();
    await expect
      .poll(() => changes.getByRole('option', { name: 'README.md' }).getByLabel('not committed').count(), {
        timeout: 10_000,
      })
      .toBe(0);
    await changes.getByRole('button', { name: 'Commit…' }).click();
    await commit.getByText('1 of 1 selected').waitFor();
    expect(await include('README.md').count()).toBe(0);
    expect(await include('scratch.log').isChecked()).toBe(true);
    await commit.getByRole('button', { name: 'Cancel' }).click();
  });
});
