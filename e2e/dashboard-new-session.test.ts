import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { skipWithoutBrowser } from './support/browser.js';
import { card } from './support/dashboard-page.js';
import { useDashboard } from './support/dashboard-suite.js';
import type { E2eHost } from './support/e2e-host.js';

/** The New session dialog: first run, progress per session while they are made, and errors where they belong. */
describe.skipIf(skipWithoutBrowser)('dashboard: new session dialog', () => {
  let env: E2eHost;
  let page: Page;
  const notARepo = mkdtempSync(path.join(os.tmpdir(), 'flotilla-not-a-repo-'));
  afterAll(() => rmSync(notARepo, { recursive: true, force: true }));

  useDashboard('new-session', (suite) => ({ env, page } = suite));

  const dialog = () => page.getByRole('dialog', { name: 'New session' });
  const progressLines = () => dialog().getByRole('region', { name: 'Creation progress' }).getByRole('listitem');
  const setupCommand = (command: string) =>
    env.manager.repos.setSettings({ repoPath: env.repo.repo, setupCommand: command });

  async function submit(prompt: string, name: string, count: number): Promise<void> {
    await page.getByRole('button', { name: 'New session', exact: true }).click();
    await dialog()
      .getByRole('option', { name: /\(current\)/ })
      .waitFor({ state: 'attached' });
    await dialog()
      .getByRole('spinbutton', { name: /How many/ })
      .fill(String(count));
    await dialog().getByLabel('Prompt').fill(prompt);
    await dialog().getByLabel('Name (optional)').fill(name);
    await dialog()
      .getByRole('button', { name: `Start ${count} agents` })
      .click();
  }

  const texts = (lines: Locator) => lines.evaluateAll((els) => els.map((el) => el.textContent ?? ''));

  it('first run: "Try the demo agent" offers the host’s repository, and one click on Start runs a demo session', async () => {
    await page.getByRole('button', { name: 'Try the demo agent' }).click();
    const repo = dialog().getByLabel('Repository', { exact: true });
    const root = realpathSync(env.repo.repo);
    // Pre-filled; had the host answered only after the dialog opened, the field offers it instead.
    if (!(await repo.inputValue()))
      await dialog()
        .getByRole('button', { name: `Use ${root}` })
        .click();
    expect(await repo.inputValue()).toBe(root);
    await dialog()
      .getByRole('option', { name: /\(current\)/ })
      .waitFor({ state: 'attached' });
    await dialog().getByRole('button', { name: 'Start 1 agent' }).click();
    await dialog().waitFor({ state: 'detached' });
    const demo = page.getByRole('article').first();
    await demo.locator('.card-head [data-status="running"], .card-head [data-status="waiting"]').waitFor();
    expect(await demo.getByText('demo', { exact: true }).count()).toBe(1);
    expect(await demo.getAttribute('aria-label')).toBe('add a README section');
  });

  it('count 3: one line per session, each saying where it is, until all started; then the dialog closes', async () => {
    // A slow setup command keeps the sessions in "creating" long enough to read their lines.
    await setupCommand('sleep 2');
    await submit('count three', 'trio', 3);
    await progressLines().nth(2).waitFor();
    const lines = await texts(progressLines());
    expect(lines).toHaveLength(3);
    for (const [i, line] of lines.entries()) expect(line).toMatch(new RegExp(`^trio #${i + 1}creating worktree…$`));
    await dialog().waitFor({ state: 'detached', timeout: 20_000 });
    for (const name of ['trio #1', 'trio #2', 'trio #3']) await card(page, name).waitFor();
  });

  it('sessions that fail to start show why on their own line, and the dialog stays open', async () => {
    await setupCommand('sh -c "echo missing toolchain; exit 3"');
    await submit('never runs', 'broken', 2);
    await expect.poll(() => dialog().locator('[data-state="failed"]').count(), { timeout: 15_000 }).toBe(2);
    for (const line of await texts(progressLines()))
      expect(line).toMatch(/^broken #\dfailedsetup command sh -c .*exited with code 3:\s+missing toolchain$/s);
    await dialog().getByText('2 of 2 did not start').waitFor();
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    await dialog().waitFor({ state: 'detached' });
    await setupCommand('');
  });

  it('a folder that is not a git repository: the error is at the Repository field, nothing is created', async () => {
    const before = env.manager.list().length;
    await page.getByRole('button', { name: 'New session', exact: true }).click();
    await dialog().getByLabel('Repository', { exact: true }).fill(notARepo);
    await dialog().getByLabel('Prompt').fill('nowhere');
    const error = dialog().locator('#ns-repo-error');
    await error.waitFor();
    expect(await error.textContent()).toBe(`${notARepo} is not inside a git repository`);
    await dialog().getByRole('button', { name: 'Start 1 agent' }).click();
    await page.waitForTimeout(500);
    expect(await dialog().isVisible()).toBe(true);
    expect(await dialog().getByRole('region', { name: 'Creation progress' }).count()).toBe(0);
    expect(env.manager.list()).toHaveLength(before);
    await page.keyboard.press('Escape');
  });
});
