import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { gitSync } from '../electron/test-support/temp-repo.js';
import { saveScreenshot, skipWithoutBrowser } from './support/browser.js';
import { card, createFromDialog, waitForStatus } from './support/dashboard-page.js';
import { useDashboard } from './support/dashboard-suite.js';
import { sessionNamed, type E2eHost } from './support/e2e-host.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A stand-in `gh` first on the host's PATH: records its arguments and prints a pull request address. */
function installFakeGh(): { dir: string; args(): string[]; restore(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'flotilla-fake-gh-'));
  const script = path.join(dir, 'gh');
  writeFileSync(script, `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/args"\necho https://github.com/acme/webapp/pull/7\n`);
  chmodSync(script, 0o755);
  const before = process.env.PATH;
  process.env.PATH = `${dir}${path.delimiter}${before ?? ''}`;
  return {
    dir,
    args: () => readFileSync(path.join(dir, 'args'), 'utf8').trim().split('\n'),
    restore() {
      process.env.PATH = before;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Card totals after a reload, and the viewer's Rebase and Push buttons, against a real host and git. */
describe.skipIf(skipWithoutBrowser)('dashboard: branch actions', () => {
  let env: E2eHost;
  let page: Page;
  const byName = (name: string) => sessionNamed(env.manager, name);
  const commitOnMain = (file: string, content: string, message: string): string => {
    writeFileSync(path.join(env.repo.repo, file), content);
    gitSync(env.repo.repo, ['add', file]);
    gitSync(env.repo.repo, ['commit', '--quiet', '-m', message]);
    return gitSync(env.repo.repo, ['rev-parse', 'main']);
  };

  // Before the host starts, so the engine finds it (the branch is really pushed; only the PR is faked).
  const gh = installFakeGh();
  afterAll(() => gh.restore());
  useDashboard('git-flow', (suite) => ({ env, page } = suite));

  it('after a page reload the card shows its diff totals without any new change', async () => {
    await createFromDialog(page, { repo: env.repo.repo, prompt: 'write the docs', name: 'alpha' });
    const alpha = card(page, 'alpha');
    await waitForStatus(alpha, 'waiting');
    await alpha.getByRole('button', { name: 'Approve', exact: true }).click();
    await waitForStatus(alpha, 'idle');
    await alpha.getByLabel('Diff stats').filter({ hasText: '1 file +2 −0' }).waitFor();
    await sleep(1000); // let any computation still queued finish: its unchanged result sends no event

    await page.reload();
    // Only session.diffStatsAll can bring the totals now: nothing changes in the worktree any more.
    await card(page, 'alpha').getByLabel('Diff stats').filter({ hasText: '1 file +2 −0' }).waitFor({ timeout: 5000 });
  });

  it('rebases onto a moved base, and names the conflicting files when a rebase cannot apply', async () => {
    const worktree = byName('alpha').worktreePath;
    gitSync(worktree, ['add', '--all']);
    gitSync(worktree, ['commit', '--quiet', '-m', 'Docs from alpha']);
    const moved = commitOnMain('CHANGELOG.md', '# Changes\n', 'Changelog on main');

    await card(page, 'alpha').getByRole('button', { name: 'alpha', exact: true }).click();
    const changes = page.getByRole('region', { name: 'Changes' });
    await changes.getByRole('button', { name: 'Rebase', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Rebase onto main' });
    await dialog.getByRole('button', { name: 'Rebase', exact: true }).click();
    const done = dialog.getByRole('status').filter({ hasText: 'Rebased onto main at' });
    await done.waitFor();
    expect(await done.textContent()).toContain(moved.slice(0, 8));
    expect(gitSync(worktree, ['rev-parse', 'HEAD~1'])).toBe(moved);
    expect(gitSync(worktree, ['log', '-1', '--format=%s'])).toBe('Docs from alpha');
    await dialog.getByRole('button', { name: 'Close', exact: true }).first().click();
    await dialog.waitFor({ state: 'detached' });

    commitOnMain('write-the-docs.txt', 'Main wrote these docs first.\n', 'Docs on main');
    const head = gitSync(worktree, ['rev-parse', 'HEAD']);
    await changes.getByRole('button', { name: 'Rebase', exact: true }).click();
    await dialog.getByRole('button', { name: 'Rebase', exact: true }).click();
    const conflict = dialog.getByRole('alert');
    await conflict.getByText('Conflicts: nothing was rebased').waitFor();
    expect(await conflict.textContent()).toContain('write-the-docs.txt');
    await saveScreenshot(page, 'git-flow-rebase-conflict');
    // Aborted: the branch and the worktree are as they were.
    expect(gitSync(worktree, ['rev-parse', 'HEAD'])).toBe(head);
    expect(gitSync(worktree, ['status', '--porcelain'])).toBe('');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('push says a remote is missing, then pushes the branch to a bare remote and opens a PR with gh', async () => {
    const changes = page.getByRole('region', { name: 'Changes' });
    await changes.getByRole('button', { name: 'Push', exact: true }).click();
    const branch = byName('alpha').branch;
    const dialog = page.getByRole('dialog', { name: `Push ${branch}` });
    await dialog.getByRole('alert').getByText('no git remote').waitFor();
    expect(await dialog.getByRole('button', { name: /^Push/ }).isDisabled()).toBe(true);
    await saveScreenshot(page, 'git-flow-push-no-remote');
    await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
    await saveScreenshot(page, 'git-flow-push-no-remote-light');
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    const remote = path.join(env.repo.dir, 'remote.git');
    gitSync(env.repo.dir, ['init', '--quiet', '--bare', remote]);
    gitSync(env.repo.repo, ['remote', 'add', 'origin', remote]);
    await changes.getByRole('button', { name: 'Push', exact: true }).click();
    await dialog.getByText('Pushes the branch to').waitFor();
    expect(await dialog.getByRole('checkbox', { name: /Open a pull request/ }).isChecked()).toBe(true);
    await dialog.getByLabel('Pull request title').fill('Docs from alpha');
    await dialog.getByRole('button', { name: 'Push and open PR' }).click();
    const pushed = page.getByRole('dialog', { name: 'Pushed' }).getByRole('status');
    await pushed.waitFor();
    expect(await pushed.textContent()).toContain(`Pushed ${branch} to origin`);
    expect(await pushed.getByRole('link').getAttribute('href')).toBe('https://github.com/acme/webapp/pull/7');
    await saveScreenshot(page, 'git-flow-pushed');
    expect(gh.args()).toEqual(expect.arrayContaining(['pr', 'create', '--head', branch, '--title', 'Docs from alpha']));
    const worktree = byName('alpha').worktreePath;
    expect(gitSync(remote, ['rev-parse', `refs/heads/${branch}`])).toBe(gitSync(worktree, ['rev-parse', 'HEAD']));
  });
});
