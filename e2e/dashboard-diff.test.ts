import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { gitSync } from '../electron/test-support/temp-repo.js';
import { saveScreenshot, skipWithoutBrowser } from './support/browser.js';
import { card, createFromDialog, waitForStatus } from './support/dashboard-page.js';
import { useDashboard } from './support/dashboard-suite.js';
import { sessionNamed, type E2eHost } from './support/e2e-host.js';

/** The diff viewer of the focused view, against a real host, engine, git and demo agents. */
describe.skipIf(skipWithoutBrowser)('dashboard: diff viewer', () => {
  let env: E2eHost;
  let page: Page;
  const byName = (name: string) => sessionNamed(env.manager, name);

  useDashboard('diff', (suite) => ({ env, page } = suite));

  it('shows an approved edit in the viewer, commits it and squash-merges it into the base branch', async () => {
    await createFromDialog(page, { repo: env.repo.repo, prompt: 'write the docs', name: 'alpha' });
    const alpha = card(page, 'alpha');
    await waitForStatus(alpha, 'waiting');
    await alpha.getByRole('button', { name: 'Approve', exact: true }).click();
    await waitForStatus(alpha, 'idle');
    // The host's session.diff event brings the totals to the card.
    await alpha.getByLabel('Diff stats').filter({ hasText: '1 file +2 −0' }).waitFor();

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

    await changes.getByRole('button', { name: 'Commit…' }).click();
    const commit = page.getByRole('dialog', { name: 'Commit changes' });
    await commit.getByLabel('Commit message').fill('Docs from alpha');
    await commit.getByRole('button', { name: 'Commit', exact: true }).click();
    await commit.waitFor({ state: 'detached' });
    const worktree = byName('alpha').worktreePath;
    expect(gitSync(worktree, ['log', '-1', '--format=%s'])).toBe('Docs from alpha');
    expect(gitSync(worktree, ['status', '--porcelain'])).toBe('');

    await changes.getByRole('button', { name: 'Merge into base' }).click();
    const merge = page.getByRole('dialog', { name: 'Merge into main' });
    await merge.getByLabel('Squash commit message').fill('Squash: docs from alpha');
    await merge.getByRole('button', { name: 'Squash-merge' }).click();
    const merged = page.getByRole('dialog', { name: 'Merged' });
    await merged.getByRole('button', { name: 'Remove session' }).waitFor();
    await saveScreenshot(page, 'diff-merged');
    await merged.getByRole('button', { name: 'Keep session' }).click();

    expect(gitSync(env.repo.repo, ['log', '-1', '--format=%s', 'main'])).toBe('Squash: docs from alpha');
    expect(gitSync(env.repo.repo, ['show', 'main:write-the-docs.txt'])).toContain('Prompt: write the docs');
    // The user's checkout of main was clean, so it is updated too.
    expect(gitSync(env.repo.repo, ['status', '--porcelain'])).toBe('');
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
});
