import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { gitSync } from '../electron/test-support/temp-repo.js';
import { waitForStatus as waitForEngineStatus } from '../electron/test-support/wait-for.js';
import { saveScreenshot, skipWithoutBrowser } from './support/browser.js';
import { card, createFromDialog, waitForStatus } from './support/dashboard-page.js';
import { useDashboard } from './support/dashboard-suite.js';
import { sessionNamed, type E2eHost } from './support/e2e-host.js';

/** Settings → Repositories (files copied and a setup command per repository) and Settings → Storage (orphans). */
describe.skipIf(skipWithoutBrowser)('dashboard: worktree lifecycle in Settings', () => {
  let env: E2eHost;
  let page: Page;

  useDashboard('worktree-lifecycle', (suite) => ({ env, page } = suite));

  const openSettings = async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    return page.getByRole('dialog', { name: 'Settings' });
  };

  /** The Repositories section with `repo` picked and its settings loaded. */
  const repositories = async (settings: Locator, repo: string) => {
    const section = settings.getByRole('region', { name: 'Repositories' });
    await section.getByLabel('Repository', { exact: true }).fill(repo);
    await section.getByText(`Settings of ${repo}`).waitFor();
    return section;
  };

  /** Light theme on for one screenshot of `section`, then back to dark. */
  const screenshotBoth = async (settings: Locator, section: Locator, name: string) => {
    await section.scrollIntoViewIfNeeded();
    await saveScreenshot(page, `${name}-dark`);
    await settings.getByLabel('Light theme').check();
    await section.scrollIntoViewIfNeeded();
    await saveScreenshot(page, `${name}-light`);
    await settings.getByLabel('Light theme').uncheck();
  };

  it('copies the files and runs the setup command set in Settings into a new session; a failing one fails it', async () => {
    const repo = env.repo.repo;
    writeFileSync(path.join(repo, '.env'), 'API_KEY=from-settings\n');
    let settings = await openSettings();
    let section = await repositories(settings, repo);
    const copy = section.getByLabel('Files to copy into new worktrees (one per line)');
    const setup = section.getByLabel('Setup command');
    const save = section.getByRole('button', { name: 'Save repository settings' });

    // The contract's check: a path that leaves the repository, named by its line.
    await copy.fill('.env\n../outside');
    await save.click();
    await section
      .getByRole('alert')
      .filter({ hasText: '"../outside": must be a path inside the repository' })
      .waitFor();
    expect(await copy.getAttribute('aria-invalid')).toBe('true');
    // The host's own check: a shell operator that would silently become an argument.
    await copy.fill('.env');
    await setup.fill('npm ci && npm test');
    await save.click();
    await section.getByRole('alert').filter({ hasText: 'run without a shell' }).waitFor();
    expect(await setup.getAttribute('aria-invalid')).toBe('true');
    expect(await copy.getAttribute('aria-invalid')).toBeNull();
    await screenshotBoth(settings, section, 'repo-settings-error');
    expect(await env.manager.repos.settings(repo)).toMatchObject({ copyFiles: [], setupCommand: '' });

    const command = `node -e "require('fs').writeFileSync('setup-ran','ok'); console.log('setup says hello')"`;
    await setup.fill(command);
    await section.getByLabel('Timeout (seconds)').fill('120');
    await save.click();
    await page.getByText(`Worktree setup of ${repo} saved`).waitFor();
    expect(await env.manager.repos.settings(repo)).toEqual({
      repoPath: repo,
      copyFiles: ['.env'],
      setupCommand: command,
      setupTimeoutSec: 120,
      heavyFolders: [],
    });
    expect(await save.isDisabled()).toBe(true);
    await screenshotBoth(settings, section, 'repo-settings');
    await settings.getByRole('button', { name: 'Close' }).click();

    await createFromDialog(page, { repo, prompt: 'prepared work', name: 'prepared' });
    await waitForStatus(card(page, 'prepared'), 'waiting');
    const worktree = sessionNamed(env.manager, 'prepared').worktreePath;
    expect(readFileSync(path.join(worktree, '.env'), 'utf8')).toBe('API_KEY=from-settings\n');
    expect(readFileSync(path.join(worktree, 'setup-ran'), 'utf8')).toBe('ok');
    await card(page, 'prepared').getByRole('button', { name: 'prepared', exact: true }).click();
    const history = page.getByRole('region', { name: 'Session details' }).locator('.history');
    await history.getByText('copied into the worktree: .env').waitFor();
    await history.getByText(/setup command node -e .* finished\s+setup says hello/).waitFor();
    await page.getByRole('button', { name: '← Grid' }).click();

    // Reopened, the section starts on the repository just used, with what was saved for it.
    settings = await openSettings();
    section = settings.getByRole('region', { name: 'Repositories' });
    await section.getByText(`Settings of ${repo}`).waitFor();
    expect(await section.getByLabel('Repository', { exact: true }).inputValue()).toBe(repo);
    expect(await section.getByLabel('Files to copy into new worktrees (one per line)').inputValue()).toBe('.env');
    await section.getByLabel('Setup command').fill(`node -e "console.log('toolchain missing'); process.exit(3)"`);
    await section.getByRole('button', { name: 'Save repository settings' }).click();
    await page.getByText(`Worktree setup of ${repo} saved`).first().waitFor();
    await settings.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'New session', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'New session' });
    await dialog.getByLabel('Repository', { exact: true }).fill(repo);
    await dialog.getByRole('option', { name: /\(current\)/ }).waitFor({ state: 'attached' });
    await dialog.getByLabel('Prompt').fill('never starts');
    await dialog.getByLabel('Name (optional)').fill('broken');
    await dialog.getByRole('button', { name: 'Start 1 agent' }).click();
    await dialog.locator('[data-state="failed"]').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    const broken = card(page, 'broken');
    await waitForStatus(broken, 'failed');
    const error = await broken.locator('.card-error').textContent();
    expect(error).toMatch(/setup command node -e .* exited with code 3:\s+toolchain missing/);
    await broken.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'repo-settings-failed-card');
  });

  it('lists a stray worktree in Settings → Storage, and removes it only once confirmed, keeping its branch', async () => {
    const repo = env.repo.repo;
    const stray = path.join(env.repo.dataDir, 'worktrees', path.basename(repo), 'stray-e2e');
    gitSync(repo, ['worktree', 'add', '--quiet', '-b', 'flotilla/stray-e2e', stray]);
    writeFileSync(path.join(stray, 'notes.bin'), Buffer.alloc(200 * 1024, 7));
    await env.manager.repos.setSettings({ repoPath: repo, setupCommand: '' });
    // A session whose worktree was deleted behind the app's back is listed too.
    const [lost] = await env.manager.create({ repoPath: repo, provider: 'demo', prompt: '', name: 'lost' });
    await waitForEngineStatus(env.manager, lost!.id, 'idle');
    await env.manager.kill([lost!.id]);
    rmSync(lost!.worktreePath, { recursive: true, force: true });

    const settings = await openSettings();
    const storage = settings.getByRole('region', { name: 'Storage' });
    const item = storage.getByRole('listitem', { name: stray });
    await item.waitFor();
    const size = (await item.locator('.storage-size').textContent()) ?? '';
    expect(size).toMatch(/^\d+(\.\d)? KB$/);
    expect(await item.textContent()).toContain('flotilla/stray-e2e');
    expect(await item.textContent()).toContain(`in ${repo}`);
    await storage.getByRole('listitem', { name: 'lost' }).getByText(lost!.worktreePath).waitFor();
    await screenshotBoth(settings, storage, 'storage-orphans');

    // Cancelling deletes nothing.
    await item.getByRole('button', { name: `Remove ${stray}` }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Remove stray-e2e?' });
    expect(await confirm.textContent()).toContain(`Deletes ${stray} (${size})`);
    expect(await confirm.textContent()).toContain(`Its branch flotilla/stray-e2e stays in ${repo}`);
    await saveScreenshot(page, 'storage-confirm');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(existsSync(path.join(stray, 'notes.bin'))).toBe(true);

    await item.getByRole('button', { name: `Remove ${stray}` }).click();
    await confirm.getByRole('button', { name: 'Remove folder' }).click();
    await item.waitFor({ state: 'detached' });
    await page.getByText(`Removed ${stray} (${size}); branch flotilla/stray-e2e kept`).waitFor();
    expect(existsSync(stray)).toBe(false);
    expect(gitSync(repo, ['worktree', 'list', '--porcelain'])).not.toContain(stray);
    expect(gitSync(repo, ['branch', '--list', 'flotilla/stray-e2e'])).toContain('flotilla/stray-e2e');
    // The sessions' own worktrees are untouched.
    expect(existsSync(sessionNamed(env.manager, 'prepared').worktreePath)).toBe(true);
    await storage.getByText('No orphan worktrees', { exact: false }).waitFor();
  });
});
