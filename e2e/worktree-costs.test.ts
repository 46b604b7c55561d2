import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Session } from '../shared/session.js';
import { gitSync } from '../electron/test-support/temp-repo.js';
import { waitForStatus as waitForEngineStatus } from '../electron/test-support/wait-for.js';
import { saveScreenshot, skipWithoutBrowser } from './support/browser.js';
import { card } from './support/dashboard-page.js';
import { useDashboard } from './support/dashboard-suite.js';
import type { E2eHost } from './support/e2e-host.js';

/** Heavy folders in Settings → Repositories, a session's ports in its details, Settings → Storage totals and remove merged. */
describe.skipIf(skipWithoutBrowser)('dashboard: worktree costs', () => {
  let env: E2eHost;
  let page: Page;

  useDashboard('worktree-costs', (suite) => ({ env, page } = suite));

  const openSettings = async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    return page.getByRole('dialog', { name: 'Settings' });
  };

  async function committed(name: string): Promise<Session> {
    const [session] = await env.manager.create({ repoPath: env.repo.repo, provider: 'demo', prompt: '', name });
    await waitForEngineStatus(env.manager, session!.id, 'idle');
    writeFileSync(path.join(session!.worktreePath, `${name}.txt`), `${name}\n`.repeat(20_000));
    gitSync(session!.worktreePath, ['add', `${name}.txt`]);
    gitSync(session!.worktreePath, ['commit', '--quiet', '-m', name]);
    await env.manager.kill([session!.id]);
    return session!;
  }

  it('sets heavy folders in Settings, and a new session gets them linked and shows its ports', async () => {
    const repo = env.repo.repo;
    mkdirSync(path.join(repo, 'node_modules', 'dep'), { recursive: true });
    writeFileSync(path.join(repo, 'node_modules', 'dep', 'index.js'), 'module.exports = 1;\n');
    const general = await openSettings();
    await general.getByLabel('Ports per session').fill('4');
    await general.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved').first().waitFor();
    expect(env.manager.settings().portBlockSize).toBe(4);
    const settings = await openSettings();
    const section = settings.getByRole('region', { name: 'Repositories' });
    await section.getByLabel('Repository', { exact: true }).fill(repo);
    await section.getByText(`Settings of ${repo}`).waitFor();
    await section.getByLabel('Heavy folders (one per line)').fill('node_modules');
    await section.getByLabel('Bring them in as').selectOption('symlink');
    await section.getByRole('button', { name: 'Save repository settings' }).click();
    await page.getByText(`Worktree setup of ${repo} saved`).first().waitFor();
    expect((await env.manager.repos.settings(repo)).heavyFolders).toEqual([{ path: 'node_modules', mode: 'symlink' }]);
    await section.getByLabel('Heavy folders (one per line)').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'worktree-costs-heavy-folders');
    await settings.getByRole('button', { name: 'Close' }).click();

    const [session] = await env.manager.create({ repoPath: repo, provider: 'demo', prompt: '', name: 'linked' });
    await waitForEngineStatus(env.manager, session!.id, 'idle');
    const ports = env.manager.reviewLoop.costs.ports(session!.id)!;
    await card(page, 'linked').getByRole('button', { name: 'linked', exact: true }).click();
    const details = page.getByRole('region', { name: 'Session details' });
    expect(ports.size).toBe(4);
    await details.getByText(`${ports.firstPort}–${ports.firstPort + 3}`).waitFor();
    await details
      .locator('.history')
      .getByText(/heavy folder node_modules linked in \d+ ms/)
      .waitFor();
    await saveScreenshot(page, 'worktree-costs-ports');
    await page.getByRole('button', { name: '← Grid' }).click();
  });

  it('shows per-repository totals and removes only the merged session worktree, once confirmed', async () => {
    // Without the first test's heavy folders: this repository does not ignore node_modules.
    await env.manager.repos.setSettings({ repoPath: env.repo.repo, heavyFolders: [] });
    const landed = await committed('landed');
    const pending = await committed('pending');
    const settings = await openSettings();
    const storage = settings.getByRole('region', { name: 'Storage' });
    await storage.getByText('No merged sessions with a worktree').waitFor();
    // Merged while Settings is open: Check again finds it.
    await env.manager.git.merge(landed.id, 'Land it');
    await storage.getByRole('button', { name: 'Check again' }).click();
    const total = storage.getByRole('listitem', { name: env.repo.repo });
    const count = env.manager.list().filter((s) => s.repoPath === env.repo.repo).length;
    await total.getByText(`${count} sessions`, { exact: true }).waitFor();
    expect(await total.locator('.storage-size').textContent()).toMatch(/^\d+(\.\d)? (KB|MB)$/);
    await storage.getByText(/^1 merged session: /).waitFor();
    await storage.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'worktree-costs-storage');

    await storage.getByRole('button', { name: 'Remove merged sessions’ worktrees' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Remove 1 merged session?' });
    expect(await confirm.textContent()).toMatch(
      /Removes the worktrees, branches and sessions of landed \(.+\), freeing/,
    );
    await saveScreenshot(page, 'worktree-costs-remove-merged-confirm');
    await confirm.getByRole('button', { name: 'Remove merged' }).click();
    await page.getByText(/^Removed 1 merged session worktree \(.+ freed\)$/).waitFor();
    expect(existsSync(landed.worktreePath)).toBe(false);
    expect(existsSync(pending.worktreePath)).toBe(true);
    await total.getByText(count - 1 === 1 ? '1 session' : `${count - 1} sessions`, { exact: true }).waitFor();
    await storage.getByText('No merged sessions with a worktree').waitFor();
  });
});
