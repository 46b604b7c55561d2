import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { gitSync } from '../electron/test-support/temp-repo.js';
import { saveScreenshot, skipWithoutBrowser } from './support/browser.js';
import { card, createFromDialog, waitForStatus } from './support/dashboard-page.js';
import { useDashboard } from './support/dashboard-suite.js';
import { sessionNamed, type E2eHost } from './support/e2e-host.js';

/** The card says what is wrong with the base branch (dirty checkout, moved on, gone) before anyone tries to merge. */
describe.skipIf(skipWithoutBrowser)('dashboard: base branch status on the card', () => {
  let env: E2eHost;
  let page: Page;
  let touches = 0;

  useDashboard('base-status', (suite) => ({ env, page } = suite));

  /** A file change in the session's worktree: the watcher has the host recompute its diff (and base status). */
  const touchWorktree = () =>
    writeFileSync(path.join(sessionNamed(env.manager, 'beta').worktreePath, 'touch.txt'), `${++touches}\n`);
  const note = (label: string) => card(page, 'beta').getByLabel('Base branch').getByText(label, { exact: true });

  it('shows a dirty base checkout, commits behind and a deleted base on the card, with the reason', async () => {
    await createFromDialog(page, { repo: env.repo.repo, prompt: 'write the docs', name: 'beta' });
    const beta = card(page, 'beta');
    await waitForStatus(beta, 'waiting');
    await beta.getByRole('button', { name: 'Approve', exact: true }).click();
    await waitForStatus(beta, 'idle');
    await beta.getByLabel('Diff stats').filter({ hasText: '1 file +2 −0' }).waitFor();
    expect(await beta.getByLabel('Base branch').count()).toBe(0);

    // The user edits their own checkout of main: a merge would be refused, and the card says so now.
    writeFileSync(path.join(env.repo.repo, 'README.md'), 'the user is editing\n');
    touchWorktree();
    await note('main dirty').waitFor();
    const why = await note('main dirty').getAttribute('title');
    expect(why).toContain(`main is checked out in ${env.repo.repo} with uncommitted changes (1 file)`);
    expect(why).toContain('Merge into base will be refused');
    await saveScreenshot(page, 'base-status-dirty');

    // Clean again, then main moves on by one commit.
    gitSync(env.repo.repo, ['checkout', '--quiet', '--', 'README.md']);
    writeFileSync(path.join(env.repo.repo, 'CHANGELOG.md'), '# Changes\n');
    gitSync(env.repo.repo, ['add', 'CHANGELOG.md']);
    gitSync(env.repo.repo, ['commit', '--quiet', '-m', 'Changelog on main']);
    touchWorktree();
    await note('1 behind').waitFor();
    await note('main dirty').waitFor({ state: 'detached' });

    // main renamed outside the app: the card says the base is gone; the panel explains.
    gitSync(env.repo.repo, ['branch', '-m', 'main', 'trunk']);
    touchWorktree();
    await note('main gone').waitFor();
    expect(await note('main gone').getAttribute('title')).toContain('deleted or renamed outside Flotilla');
    await beta.getByRole('button', { name: 'beta', exact: true }).click();
    const changes = page.getByRole('region', { name: 'Changes' });
    await changes.getByRole('status', { name: 'Base branch' }).getByText('main no longer exists').waitFor();
    await saveScreenshot(page, 'base-status-gone');
    gitSync(env.repo.repo, ['branch', '-m', 'trunk', 'main']);
  });
});
