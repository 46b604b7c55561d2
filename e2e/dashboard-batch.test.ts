import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { waitFor, waitForScreen } from '../electron/test-support/wait-for.js';
import { skipWithoutBrowser } from './support/browser.js';
import { card, waitForStatus } from './support/dashboard-page.js';
import { useDashboard } from './support/dashboard-suite.js';
import { sessionNamed, type E2eHost } from './support/e2e-host.js';

/** Selecting by status, removing a selection after one confirmation, and a question's middle option. */
describe.skipIf(skipWithoutBrowser)('dashboard: batch selection and answers', () => {
  let env: E2eHost;
  let page: Page;

  useDashboard('batch', (suite) => ({ env, page } = suite));

  const bar = () => page.getByRole('toolbar', { name: 'Batch actions' });
  const checked = (name: string) => card(page, name).getByLabel(`Select ${name}`).isChecked();

  it('Select Waiting and Select Idle pick the cards in that status only', async () => {
    const create = (name: string, prompt: string) =>
      env.manager.create({ repoPath: env.repo.repo, provider: 'demo', prompt, name });
    await create('asks 1', 'write docs');
    await create('asks 2', 'write tests');
    await create('quiet 1', '');
    await create('quiet 2', '');
    for (const name of ['asks 1', 'asks 2']) await waitForStatus(card(page, name), 'waiting');
    for (const name of ['quiet 1', 'quiet 2']) await waitForStatus(card(page, name), 'idle');

    await bar().getByRole('button', { name: 'Waiting', exact: true }).click();
    await bar().getByText('2 selected').waitFor();
    expect([await checked('asks 1'), await checked('asks 2'), await checked('quiet 1')]).toEqual([true, true, false]);

    await bar().getByRole('button', { name: 'Idle', exact: true }).click();
    await expect.poll(() => checked('quiet 1')).toBe(true);
    expect([await checked('asks 1'), await checked('asks 2'), await checked('quiet 2')]).toEqual([false, false, true]);
    await bar().getByText('2 selected').waitFor();
  });

  it('Remove selected asks once, naming how many; Cancel keeps them, confirming removes them', async () => {
    const worktrees = ['quiet 1', 'quiet 2'].map((name) => sessionNamed(env.manager, name).worktreePath);
    await bar().getByRole('button', { name: 'Remove selected' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Remove 2 sessions?' });
    await confirm.getByText(/worktrees and branches deleted/).waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(await page.getByRole('article').count()).toBe(4);

    await bar().getByRole('button', { name: 'Remove selected' }).click();
    await confirm.getByRole('button', { name: 'Remove 2 sessions' }).click();
    for (const name of ['quiet 1', 'quiet 2']) await card(page, name).waitFor({ state: 'detached' });
    expect(await page.getByRole('article').count()).toBe(2);
    await waitFor(() => worktrees.every((dir) => !existsSync(dir)), { what: 'the removed worktrees to be gone' });
    await bar().getByText('Click a card to select it').waitFor();
  });

  it('a question with three options offers the middle one on the card, and it is the one answered', async () => {
    const id = sessionNamed(env.manager, 'asks 1').id;
    await env.manager.deny(id);
    await waitForStatus(card(page, 'asks 1'), 'idle');
    await env.manager.send(id, 'run npm test');
    const asks = card(page, 'asks 1');
    await asks.getByText('Do you want to run `npm test`?', { exact: true }).waitFor();
    const buttons = asks.getByRole('group', { name: 'Question from asks 1' }).getByRole('button');
    expect(await buttons.allTextContents()).toEqual(['Approve', "Yes, and don't ask again for this command", 'Deny']);
    await buttons.nth(1).click();
    await waitForStatus(asks, 'idle');
    await waitForScreen(env.manager, id, 'Ran `npm test` (pretend', 5000);
    // "don't ask again" took: the same command runs without a question.
    await env.manager.send(id, 'run npm test');
    await waitFor(() => env.manager.screen(id).then((s) => (s.text.match(/Ran `npm test`/g) ?? []).length === 2), {
      what: 'the second run without a question',
    });
    expect(env.manager.get(id).question).toBeNull();
  });
});
