import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { commitFile } from '../electron/git/fixtures/make-repo.js';
import { gitSync } from '../electron/test-support/temp-repo.js';
import { skipWithoutBrowser } from './support/browser.js';
import { card, waitForStatus } from './support/dashboard-page.js';
import { useDashboard } from './support/dashboard-suite.js';
import { sessionNamed, type E2eHost } from './support/e2e-host.js';

/** Merge selected: three cards landed in grid order; the third conflicts and the panel says why. */
describe.skipIf(skipWithoutBrowser)('dashboard: merge queue', () => {
  let env: E2eHost;
  let page: Page;

  useDashboard('merge-queue', (suite) => ({ env, page } = suite));

  const bar = () => page.getByRole('toolbar', { name: 'Batch actions' });

  it('merges two selected sessions in grid order and shows the third one stopped on its conflict', async () => {
    for (const name of ['alpha', 'beta', 'gamma']) {
      await env.manager.create({ repoPath: env.repo.repo, provider: 'demo', prompt: `work on ${name}`, name });
    }
    for (const name of ['alpha', 'beta', 'gamma']) await waitForStatus(card(page, name), 'waiting');
    // The queue follows the grid's order, so the commits are made to fit it: the first and the last edit the
    // same line of README.md, the second its own file.
    const order = await page
      .getByRole('article')
      .evaluateAll((cards) => cards.map((c) => c.getAttribute('aria-label')));
    const [first, second, third] = order as [string, string, string];
    const worktree = (name: string) => sessionNamed(env.manager, name).worktreePath;
    commitFile(worktree(first), 'README.md', `# temp repo\n${first}\n`);
    commitFile(worktree(second), `${second}.txt`, `${second}\n`);
    commitFile(worktree(third), 'README.md', `# temp repo\n${third}\n`);
    const thirdHead = gitSync(worktree(third), ['rev-parse', 'HEAD']);

    for (const name of order) await card(page, name!).getByLabel(`Select ${name}`).check();
    await bar().getByText('3 selected').waitFor();
    await bar().getByRole('button', { name: 'Merge selected' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Merge 3 sessions in order?' });
    await confirm.getByText(`${first}, then ${second}, then ${third}.`, { exact: false }).waitFor();
    await confirm.getByRole('button', { name: 'Merge 3 sessions' }).click();

    const panel = page.getByRole('status', { name: 'Merge queue' });
    await panel.getByText('Merge queue stopped: 2 of 3 merged').waitFor();
    const rows = panel.getByRole('listitem');
    expect(await rows.allInnerTexts()).toEqual([
      expect.stringMatching(new RegExp(`^${first}\\s+merged\\s+[0-9a-f]{8}$`)),
      expect.stringMatching(new RegExp(`^${second}\\s+merged\\s+[0-9a-f]{8}$`)),
      expect.stringMatching(new RegExp(`^${third}\\s+failed\\s+rebasing onto main conflicts in README\\.md`)),
    ]);
    await page.screenshot({ path: '/tmp/merge-queue-stopped.png' });

    expect(gitSync(env.repo.repo, ['log', '-2', '--format=%s', 'main']).split('\n')).toEqual([second, first]);
    expect(gitSync(worktree(third), ['rev-parse', 'HEAD'])).toBe(thirdHead);
    await panel.getByRole('button', { name: 'Dismiss' }).click();
    await panel.waitFor({ state: 'detached' });
  });
});
