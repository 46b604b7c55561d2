import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { saveScreenshot, skipWithoutBrowser } from './support/browser.js';
import { card } from './support/dashboard-page.js';
import { useDashboard } from './support/dashboard-suite.js';
import type { E2eHost } from './support/e2e-host.js';

const IDENTITY_VARS = ['HOME', 'XDG_CONFIG_HOME', 'GIT_CONFIG_GLOBAL', 'GIT_CONFIG_NOSYSTEM', 'EMAIL'] as const;

/** A git error shown whole in the Commit dialog: the hint first, git's own message folded under "Show more". */
describe.skipIf(skipWithoutBrowser)('dashboard: a git error', () => {
  let env: E2eHost;
  let page: Page;
  const saved = Object.fromEntries(IDENTITY_VARS.map((name) => [name, process.env[name]]));
  const home = mkdtempSync(path.join(os.tmpdir(), 'flotilla-no-identity-'));

  useDashboard('git-error', (suite) => ({ env, page } = suite));

  afterEach(() => {
    for (const name of IDENTITY_VARS) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
    rmSync(home, { recursive: true, force: true });
  });

  it('a commit without a git identity says how to set it, with git instructions one click away', async () => {
    const [session] = await env.manager.create({ repoPath: env.repo.repo, prompt: 'no identity', name: 'anon' });
    writeFileSync(path.join(session!.worktreePath, 'notes.txt'), 'notes\n');
    // The host's git finds no identity: an empty HOME, no system config, none in the repository.
    for (const name of IDENTITY_VARS) delete process.env[name];
    process.env.HOME = home;
    process.env.GIT_CONFIG_NOSYSTEM = '1';

    await card(page, 'anon').getByRole('button', { name: 'anon', exact: true }).click();
    const changes = page.getByRole('region', { name: 'Changes' });
    await changes.getByRole('option', { name: 'notes.txt' }).waitFor();
    await changes.getByRole('button', { name: 'Commit…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Commit changes' });
    await dialog.getByLabel('Commit message').fill('Notes');
    await dialog.getByRole('button', { name: 'Commit', exact: true }).click();

    const alert = dialog.getByRole('alert');
    await alert
      .getByText(/git does not know who you are: set it for this repository with git config user\.email/)
      .waitFor();
    const full = alert.getByText('*** Please tell me who you are.', { exact: false });
    expect(await full.isVisible()).toBe(false);
    await alert.getByText('Show more').click();
    await full.waitFor();
    expect(await full.textContent()).toMatch(/\n\s+git config --global user\.name "Your Name"\n/);
    await saveScreenshot(page, 'git-error-identity');
  });
});
