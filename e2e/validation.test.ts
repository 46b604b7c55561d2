import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { resolveRepoRoot } from '../electron/git/repo-info.js';
import { gitSync } from '../electron/test-support/temp-repo.js';
import { argvText } from '../renderer/src/components/validation/validator-argv.js';
import { saveScreenshot, skipWithoutBrowser } from './support/browser.js';
import { card, waitForStatus } from './support/dashboard-page.js';
import { useDashboard } from './support/dashboard-suite.js';
import { sessionNamed, type E2eHost } from './support/e2e-host.js';

/** The repo's test command: fails when a visible file at the worktree's top holds "BUG" (the demo agent's fix removes it). */
const CHECK = [
  'node',
  '-e',
  "const fs=require('fs');const bad=fs.readdirSync('.').filter(f=>!f.startsWith('.')&&fs.statSync(f).isFile()&&fs.readFileSync(f,'utf8').includes('BUG'));" +
    "if(bad.length){console.error('BUG found in '+bad.join(', '));process.exit(1)}console.log('all clean')",
];

/** Validators on a repo whose check passes on one session and fails on others: badges, send-to-agent, the merge gate. */
describe.skipIf(skipWithoutBrowser)('dashboard: validators', () => {
  let env: E2eHost;
  let page: Page;
  useDashboard('validation', (suite) => ({ env, page } = suite));
  const badge = (name: string) => card(page, name).getByLabel('Validation');

  it('a validator is added in Settings → Repositories as a command line, kept as its argv', async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    const repositories = settings.getByRole('region', { name: 'Repositories' });
    await repositories.getByLabel('Repository', { exact: true }).fill(env.repo.repo);
    await repositories.getByText(`Settings of ${env.repo.repo}`).waitFor();
    const validators = repositories.getByRole('region', { name: 'Validators' });
    await validators.getByLabel('Name', { exact: true }).fill('check');
    await validators.getByLabel('Command', { exact: true }).fill(argvText(CHECK));
    await validators.getByLabel('Timeout (s)').fill('60');
    await validators.getByRole('button', { name: 'Add validator' }).click();
    await validators.locator('[data-validator="check"]').waitFor();
    await validators.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'validation-settings');
    const root = await resolveRepoRoot(env.repo.repo);
    expect(env.manager.reviewLoop.validation.store.list(root)).toEqual([
      { name: 'check', argv: CHECK, timeoutSec: 60 },
    ]);
    await page.keyboard.press('Escape');
    await settings.waitFor({ state: 'detached' });
  });

  it('badges: passed on one session, failed naming the validator on another', async () => {
    for (const [name, prompt] of [
      ['good', 'add a note'],
      ['buggy', 'add a BUG'],
      ['stubborn', 'another BUG'],
    ]) {
      await env.manager.create({ repoPath: env.repo.repo, prompt: prompt!, name, autoYes: true });
    }
    await badge('good').filter({ hasText: '✓ checks' }).waitFor({ timeout: 30_000 });
    await badge('buggy').filter({ hasText: '✗ check' }).waitFor({ timeout: 30_000 });
    await badge('stubborn').filter({ hasText: '✗ check' }).waitFor({ timeout: 30_000 });
    expect(await badge('buggy').getAttribute('title')).toBe('Validator failed: check');
    await saveScreenshot(page, 'validation-badges');
  });

  it('details show the failing output; Send failures to agent makes the agent fix it, and the badge turns passed', async () => {
    await card(page, 'buggy').getByRole('button', { name: 'buggy', exact: true }).click();
    const validation = page.getByRole('region', { name: 'Validation' });
    await validation.getByText('BUG found in add-a-bug.txt').waitFor();
    await saveScreenshot(page, 'validation-details-failed');
    await validation.getByRole('button', { name: 'Send failures to agent' }).click();
    await validation.getByText('Sent check to the agent').waitFor();
    // The demo agent deletes the file it made with the marker; the validators run again at its next idle.
    await validation.locator('[data-validator="check"].validation-passed').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: '← Grid' }).click();
    await badge('buggy').filter({ hasText: '✓ checks' }).waitFor();
    await saveScreenshot(page, 'validation-fixed');
  });

  it('the merge gate refuses a failed session, and Merge anyway merges it with the override in its history', async () => {
    const stubborn = sessionNamed(env.manager, 'stubborn');
    await badge('stubborn').filter({ hasText: '✗ check' }).waitFor();
    await waitForStatus(card(page, 'stubborn'), 'idle');
    gitSync(stubborn.worktreePath, ['add', '--all']);
    gitSync(stubborn.worktreePath, ['commit', '--quiet', '-m', 'stubborn work']);
    await card(page, 'stubborn').getByRole('button', { name: 'stubborn', exact: true }).click();
    const changes = page.getByRole('region', { name: 'Changes' });
    await changes.getByRole('button', { name: 'Merge into base' }).click();
    await page.getByRole('dialog', { name: 'Merge into main' }).getByRole('button', { name: 'Squash-merge' }).click();
    const refusal = page.getByRole('dialog', { name: 'Validation not passed' });
    await refusal.getByText('merge refused: validator check failed').waitFor();
    expect(gitSync(env.repo.repo, ['log', '-1', '--format=%s', 'main'])).not.toContain('stubborn');
    await saveScreenshot(page, 'validation-merge-refused');
    await refusal.getByRole('button', { name: 'Merge anyway' }).click();
    await page.getByRole('dialog', { name: 'Merged' }).getByRole('button', { name: 'Keep session' }).click();
    expect(gitSync(env.repo.repo, ['show', '--name-only', '--format=', 'main'])).toBe('another-bug.txt');
    const override = env.manager.history(stubborn.id).find((e) => e.kind === 'merge-override');
    expect(override?.detail).toBe('merged although validator check failed');
  });
});
