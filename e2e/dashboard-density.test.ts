import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { waitForStatus as waitForSession } from '../electron/test-support/wait-for.js';
import { saveScreenshot, skipWithoutBrowser } from './support/browser.js';
import { waitForStatus } from './support/dashboard-page.js';
import { useDashboard } from './support/dashboard-suite.js';
import type { E2eHost } from './support/e2e-host.js';

/** Cards entirely inside the first `height` pixels of the page. */
const cardsWithin = (page: Page, height: number) =>
  page.evaluate(
    (limit) =>
      Array.from(document.querySelectorAll('article.card')).filter((el) => el.getBoundingClientRect().bottom <= limit)
        .length,
    height,
  );

/** 50 sessions waiting at 1440×900: the compact density shows about half of them at once, answers on each card. */
describe.skipIf(skipWithoutBrowser)('dashboard: compact density', () => {
  let env: E2eHost;
  let page: Page;

  useDashboard('density', (suite) => ({ env, page } = suite));

  it('fits at least 24 waiting cards in the first 900 px, each with its question and answers, and is remembered', async () => {
    const sessions = await env.manager.create({
      repoPath: env.repo.repo,
      provider: 'demo',
      prompt: 'write the docs',
      name: 'docs',
      count: 50,
    });
    for (const s of sessions) await waitForSession(env.manager, s.id, 'waiting', 60_000);
    await page.getByRole('article').nth(49).waitFor();
    const comfortable = await cardsWithin(page, 900);

    const toggle = page.getByRole('button', { name: 'Compact cards' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    const compact = await cardsWithin(page, 900);
    expect(comfortable).toBeLessThan(12);
    expect(compact).toBeGreaterThanOrEqual(24);
    await saveScreenshot(page, 'density-compact');

    // The question and its answers are on the card: one click answers it.
    const first = page.getByRole('article', { name: 'docs #1', exact: true });
    await first.locator('.question-text').getByText('Do you want to create').waitFor();
    await first.getByRole('button', { name: 'Approve', exact: true }).click();
    await waitForStatus(first, 'idle');

    await page.reload();
    await page.getByRole('article').nth(49).waitFor();
    expect(await page.getByRole('button', { name: 'Compact cards' }).getAttribute('aria-pressed')).toBe('true');
    expect(await cardsWithin(page, 900)).toBeGreaterThanOrEqual(24);
  }, 180_000);
});
