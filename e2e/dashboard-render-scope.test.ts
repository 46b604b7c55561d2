import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { skipWithoutBrowser } from './support/browser.js';
import { card, waitForStatus } from './support/dashboard-page.js';
import { useDashboard } from './support/dashboard-suite.js';
import { sessionNamed, type E2eHost } from './support/e2e-host.js';

/** Renders of every card and of the grid, read from their `data-renders` (see use-render-count.ts). */
function renderCounts(page: Page): Promise<{ grid: number; cards: Record<string, number> }> {
  return page.evaluate(() => {
    const cards: Record<string, number> = {};
    document.querySelectorAll<HTMLElement>('article[data-session-id]').forEach((el) => {
      cards[el.dataset.sessionId ?? ''] = Number(el.dataset.renders);
    });
    const grid = document.querySelector<HTMLElement>('section.grid');
    return { grid: Number(grid?.dataset.renders), cards };
  });
}

/** Store updates are per session: one session's events re-render its own card, not the others or the grid. */
describe.skipIf(skipWithoutBrowser)('dashboard: per-session updates', () => {
  let env: E2eHost;
  let page: Page;

  useDashboard('render-scope', (suite) => ({ env, page } = suite));

  it('a rename, a status change and output in one session leave the other cards un-rendered', async () => {
    const names = ['calm 1', 'calm 2', 'busy', 'calm 3', 'renamed later'];
    for (const name of names) await env.manager.create({ repoPath: env.repo.repo, provider: 'demo', prompt: '', name });
    for (const name of names) await waitForStatus(card(page, name), 'idle');
    // Let the last events and previews land before the baseline.
    await page.waitForTimeout(1000);
    const before = await renderCounts(page);
    const busy = sessionNamed(env.manager, 'busy').id;
    const renamed = sessionNamed(env.manager, 'renamed later').id;
    expect(Object.keys(before.cards)).toHaveLength(5);

    env.manager.update(renamed, { name: 'renamed now' });
    await card(page, 'renamed now').waitFor();
    // running (spinner output in its preview), then waiting with the question on the card
    await env.manager.send(busy, 'write the changelog');
    await waitForStatus(card(page, 'busy'), 'waiting');
    await card(page, 'busy').getByText('Do you want to create write-the-changelog.txt?', { exact: true }).waitFor();
    await page.waitForTimeout(500);

    const after = await renderCounts(page);
    for (const [id, count] of Object.entries(before.cards)) {
      const name = env.manager.get(id).name;
      if (id === busy || id === renamed) expect(after.cards[id], name).toBeGreaterThan(count);
      else expect(after.cards[id], `${name} re-rendered`).toBe(count);
    }
    expect(after.grid, 'the grid re-rendered though its order did not change').toBe(before.grid);
  });

  it('a change that moves a card in the order does re-render the grid', async () => {
    await page.getByLabel('Sort').selectOption('attention');
    await expect.poll(() => page.locator('article').first().getAttribute('aria-label')).toBe('busy');
    const before = await renderCounts(page);
    await env.manager.approve(sessionNamed(env.manager, 'busy').id);
    await waitForStatus(card(page, 'busy'), 'idle');
    await expect.poll(() => page.locator('article').first().getAttribute('aria-label')).not.toBe('busy');
    expect((await renderCounts(page)).grid).toBeGreaterThan(before.grid);
    await page.getByLabel('Sort').selectOption('created');
  });
});
