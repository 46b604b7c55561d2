import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { commitFile } from '../electron/git/fixtures/make-repo.js';
import { saveScreenshot, skipWithoutBrowser } from './support/browser.js';
import { card, waitForStatus } from './support/dashboard-page.js';
import { useDashboard } from './support/dashboard-suite.js';
import { sessionNamed, type E2eHost } from './support/e2e-host.js';

/** The conflict forecast on the dashboard: a badge on both conflicting cards, none on a third; Compare puts the conflict first. */
describe.skipIf(skipWithoutBrowser)('dashboard: conflict forecast', () => {
  let env: E2eHost;
  let page: Page;
  useDashboard('conflicts', (suite) => ({ env, page } = suite));
  const badge = (name: string) => card(page, name).getByLabel('Conflict forecast');
  const worktree = (name: string) => sessionNamed(env.manager, name).worktreePath;

  it('badges the two sessions editing the same line, naming each other and the file; the third has none', async () => {
    // Demo agents wait at their question: they write nothing; the work is written into their worktrees.
    for (const name of ['alpha', 'beta', 'gamma']) {
      await env.manager.create({ repoPath: env.repo.repo, prompt: `work on ${name}`, name });
      await waitForStatus(card(page, name), 'waiting');
    }
    commitFile(worktree('alpha'), 'README.md', '# temp repo\nalpha was here\n', 'alpha');
    writeFileSync(path.join(worktree('alpha'), 'alpha-notes.md'), 'notes\n');
    // Uncommitted: the forecast sees what the agent has now.
    writeFileSync(path.join(worktree('beta'), 'README.md'), '# temp repo\nbeta was here\n');
    writeFileSync(path.join(worktree('gamma'), 'gamma.txt'), 'gamma\n');

    await badge('alpha').filter({ hasText: 'conflicts with beta in 1 file' }).waitFor({ timeout: 30_000 });
    await badge('beta').filter({ hasText: 'conflicts with alpha in 1 file' }).waitFor({ timeout: 30_000 });
    expect(await badge('alpha').getAttribute('title')).toBe('With beta: README.md');
    expect(await badge('gamma').count()).toBe(0);
    await saveScreenshot(page, 'conflicts-badges');
    await page.screenshot({ path: '/tmp/f15-badges.png' });
  });

  it('Compare lists the conflicting file first, marked', async () => {
    await card(page, 'alpha').getByLabel('Select alpha').check();
    await card(page, 'beta').getByLabel('Select beta').check();
    await page.getByRole('toolbar', { name: 'Batch actions' }).getByRole('button', { name: 'Compare' }).click();
    const view = page.getByRole('dialog', { name: 'Compare alpha and beta' });
    await view.getByText('merging both would conflict in 1 file').waitFor({ timeout: 30_000 });
    const rows = view.getByRole('table', { name: 'Changed files in both sessions' }).getByRole('row');
    // In path order alpha-notes.md would come first; the conflict goes before it.
    expect(await rows.allTextContents()).toEqual([
      'Filealphabeta',
      'README.md⚠ conflictM +1 −0M +1 −0',
      'alpha-notes.mdA +1 −0not changed',
    ]);
    await saveScreenshot(page, 'conflicts-compare');
    await page.screenshot({ path: '/tmp/f15-compare.png' });
    await page.keyboard.press('Escape');
    await view.waitFor({ state: 'detached' });
  });

  it('a session conflicting with its base after the base moves says "conflicts with main"', async () => {
    commitFile(env.repo.repo, 'gamma.txt', 'main has its own gamma\n', 'main moves');
    // No session's diff changes: the base's move alone brings the forecast.
    await badge('gamma')
      .filter({ hasText: /conflicts with main$/ })
      .waitFor({ timeout: 30_000 });
    expect(await badge('gamma').getAttribute('title')).toBe('With main: gamma.txt');
  });
});
