import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTestClient, type TestClient } from '../electron/test-support/test-host.js';
import { waitFor } from '../electron/test-support/wait-for.js';
import { saveScreenshot, skipWithoutBrowser } from './support/browser.js';
import { card, waitForStatus } from './support/dashboard-page.js';
import { useDashboard } from './support/dashboard-suite.js';
import { sessionNamed, type E2eHost } from './support/e2e-host.js';

/**
 * Teams in the dashboard (issue 14): a parent with two workers spawned through the contract, folded and
 * unfolded; a message with a mode from the batch bar, seen in the Messages timeline with its state; a
 * failed one with its error; the locks held in the header; New session in another session's worktree.
 */
describe.skipIf(skipWithoutBrowser)('dashboard: teams', () => {
  let env: E2eHost;
  let page: Page;
  let user: TestClient;

  useDashboard('team', (suite) => ({ env, page } = suite));
  beforeAll(async () => {
    user = await connectTestClient(env.host);
  });
  afterAll(() => user?.socket.close());

  const bar = () => page.getByRole('toolbar', { name: 'Batch actions' });
  const details = () => page.getByRole('region', { name: 'Session details' });
  const gridOrder = () =>
    page
      .getByRole('region', { name: 'Sessions' })
      .getByRole('article')
      .evaluateAll((cards) => cards.map((c) => c.getAttribute('aria-label')));
  const shot = async (name: string) => console.log('screenshot', await saveScreenshot(page, `team-${name}`));

  it('shows workers right after their parent, each with "↳ parent", and folds them (remembered on reload)', async () => {
    const create = (name: string) =>
      env.manager.create({ repoPath: env.repo.repo, provider: 'demo', prompt: '', name });
    const [em] = await create('em-main');
    await create('solo');
    for (const name of ['worker-a', 'worker-b'])
      await user.client.invoke('session.spawn', { parentId: em!.id, name, prompt: '', sameWorktree: false });
    for (const name of ['em-main', 'solo', 'worker-a', 'worker-b']) await waitForStatus(card(page, name), 'idle');

    // Made after "solo", the workers sit right after their parent.
    expect(await gridOrder()).toEqual(['em-main', 'worker-a', 'worker-b', 'solo']);
    await card(page, 'worker-a').getByRole('button', { name: '↳ em-main' }).waitFor();
    expect(await card(page, 'solo').getByRole('button', { name: /↳/ }).count()).toBe(0);
    await shot('grid-unfolded');

    const fold = card(page, 'em-main').getByRole('button', { name: 'Hide the workers of em-main' });
    expect(await fold.textContent()).toBe('▾ 2 workers');
    await fold.click();
    await card(page, 'worker-a').waitFor({ state: 'detached' });
    expect(await gridOrder()).toEqual(['em-main', 'solo']);
    await shot('grid-folded');

    await page.reload();
    await card(page, 'em-main').waitFor();
    const unfold = card(page, 'em-main').getByRole('button', { name: 'Show the workers of em-main' });
    expect(await unfold.textContent()).toBe('▸ 2 workers');
    expect(await gridOrder()).toEqual(['em-main', 'solo']);
    await unfold.click();
    await card(page, 'worker-b').waitFor();
    expect(await gridOrder()).toEqual(['em-main', 'worker-a', 'worker-b', 'solo']);
    // Compact cards keep the team chips (one line each, for the screenshot).
    const compact = page.getByRole('button', { name: 'Compact cards' });
    await compact.click();
    await card(page, 'worker-b').getByRole('button', { name: '↳ em-main' }).waitFor();
    await shot('grid-compact');
    await compact.click();
  });

  it('sends an important message to the selected workers from the batch bar; details show it delivered', async () => {
    await card(page, 'worker-a').click({ position: { x: 200, y: 10 } });
    await card(page, 'worker-b').click({ position: { x: 200, y: 10 }, modifiers: ['Control'] });
    await bar().getByText('2 selected').waitFor();
    await bar().getByRole('button', { name: 'Message…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Message 2 sessions' });
    await dialog.getByLabel('Message', { exact: true }).fill('please rebase on main');
    await dialog.getByLabel(/^Important/).check();
    await shot('message-dialog');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(/^Message \(important\) to 2 sessions: \d/).waitFor();

    await card(page, 'worker-a').getByRole('button', { name: 'worker-a', exact: true }).click();
    const item = details()
      .getByRole('list', { name: 'Messages' })
      .getByRole('listitem')
      .filter({ hasText: 'please rebase on main' });
    await item.waitFor();
    expect(await item.locator('.team-direction').textContent()).toBe('← from user');
    expect(await item.locator('.team-chip.mode-important').textContent()).toBe('important');
    // Idle at its prompt, the worker gets it typed in: the timeline follows the host's message.changed.
    await item.and(page.locator('[data-state="delivered"]')).waitFor();
    await waitFor(
      () => env.manager.messages.list(sessionNamed(env.manager, 'worker-a').id).some((m) => m.state === 'delivered'),
      {
        what: 'the host to record the delivery',
      },
    );
    await shot('details-messages');
  });

  it('keeps the dialog open with the failed target and its error when one target has ended', async () => {
    const b = sessionNamed(env.manager, 'worker-b');
    await env.manager.kill([b.id]);
    await waitFor(() => env.manager.get(b.id).status === 'cancelled', { what: 'worker-b to be cancelled' });
    await page.getByRole('button', { name: '← Grid' }).click();
    await card(page, 'worker-a').click({ position: { x: 200, y: 10 } });
    await card(page, 'worker-b').click({ position: { x: 200, y: 10 }, modifiers: ['Control'] });
    await bar().getByRole('button', { name: 'Message…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Message 2 sessions' });
    await dialog.getByLabel('Message', { exact: true }).fill('status?');
    await dialog.getByLabel(/^Urgent/).check();
    await dialog.getByRole('button', { name: 'Send' }).click();
    const results = dialog.getByRole('status', { name: 'Send results' });
    await results.getByText(/^worker-b: failed: .+/).waitFor();
    expect(await results.getByRole('listitem').first().textContent()).toMatch(/^worker-b: failed/);
    await shot('message-failed');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('sends from the focused view: queued while the worker waits on a question, delivered live once answered', async () => {
    const a = sessionNamed(env.manager, 'worker-a');
    await waitFor(() => env.manager.get(a.id).status === 'waiting', { what: 'worker-a to ask its question' });
    await card(page, 'worker-a').getByRole('button', { name: 'worker-a', exact: true }).click();
    await details().getByRole('button', { name: 'Send message…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Message worker-a' });
    expect(await dialog.getByLabel(/^Sequential/).isChecked()).toBe(true);
    await dialog.getByLabel('Message', { exact: true }).fill('when you are free: run the linter');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await dialog.waitFor({ state: 'detached' });
    const item = details()
      .getByRole('list', { name: 'Messages' })
      .getByRole('listitem')
      .filter({ hasText: 'when you are free' });
    await item.and(page.locator('[data-state="queued"]')).waitFor();
    expect(await item.locator('.team-chip.mode-sequential').textContent()).toBe('sequential');
    await shot('details-queued');
    // Answered, the worker goes idle at its prompt and gets the message: only the host's event says so.
    await page.getByRole('group', { name: 'Question from worker-a' }).getByRole('button', { name: 'Deny' }).click();
    await item.and(page.locator('[data-state="delivered"]')).waitFor();
    await page.getByRole('button', { name: '← Grid' }).click();
  });

  it('shows the locks held in the header, with holder, scope and reason, and in the holder’s details', async () => {
    const em = sessionNamed(env.manager, 'em-main');
    expect(await page.getByRole('button', { name: /locks? held/ }).count()).toBe(0);
    await env.manager.locks.acquire(em.id, 'merging into main', 'repo', 0);
    const pill = page.getByRole('button', { name: '1 lock held' });
    await pill.waitFor();
    expect((await pill.textContent())?.trim()).toBe('1');
    await pill.click();
    const popover = page.getByRole('dialog', { name: 'Locks held' });
    const row = popover.getByRole('row').filter({ hasText: 'em-main' });
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      'em-main',
      'repo',
      'merging into main',
      expect.stringMatching(/ago|now/),
    ]);
    await shot('header-locks');
    await page.keyboard.press('Escape');
    await popover.waitFor({ state: 'detached' });

    await card(page, 'em-main').getByRole('button', { name: 'em-main', exact: true }).click();
    await details().getByLabel('Locks held').getByText('merging into main').waitFor();
    env.manager.locks.release(em.id);
    await pill.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '← Grid' }).click();
  });

  it('starts a session in an existing session’s worktree from New session (off by default)', async () => {
    const em = sessionNamed(env.manager, 'em-main');
    await page.getByRole('button', { name: 'New session', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'New session' });
    await dialog.getByLabel('Repository', { exact: true }).fill(env.repo.repo);
    await dialog.getByRole('option', { name: /\(current\)/ }).waitFor({ state: 'attached' });
    const share = dialog.getByLabel("Work in an existing session's worktree");
    expect(await share.isChecked()).toBe(false);
    await share.check();
    await dialog.getByLabel('Session whose worktree to use').selectOption({ label: `em-main (${em.branch})` });
    expect(await dialog.getByLabel('Base branch').isDisabled()).toBe(true);
    await dialog.getByLabel('Name (optional)').fill('helper');
    await shot('new-session-worktree');
    await dialog.getByRole('button', { name: /^Start 1 agent$/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await waitForStatus(card(page, 'helper'), 'idle');
    const helper = sessionNamed(env.manager, 'helper');
    expect([helper.sharesWorktreeOf, helper.worktreePath, helper.branch]).toEqual([em.id, em.worktreePath, em.branch]);
  });
});
