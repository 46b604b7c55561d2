import { appendFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Session } from '../shared/session.js';
import { waitForStatus as waitForSession } from '../electron/test-support/wait-for.js';
import { saveScreenshot, skipWithoutBrowser } from './support/browser.js';
import { card, WAIT_MS } from './support/dashboard-page.js';
import { useDashboard } from './support/dashboard-suite.js';
import type { E2eHost } from './support/e2e-host.js';

/**
 * Usage and cost (issue 13 §4) in the browser: tokens and cost on each card, their sum in the header for
 * the cards on screen, and a price added then edited in Settings changing the cost. The demo agent writes
 * its transcript in Claude Code's form; the test appends a reply's usage record to it as Claude Code would,
 * and the host's transcript tailer reads it.
 */
describe.skipIf(skipWithoutBrowser)('dashboard: usage and cost', () => {
  let env: E2eHost;
  let page: Page;

  useDashboard('usage', (suite) => ({ env, page } = suite));

  function addReply(session: Session, id: string, usage: Record<string, number>): void {
    const file = path.join(env.repo.dataDir, 'sessions', session.id, `demo-events-${session.conversationId}.jsonl`);
    const entry = {
      type: 'assistant',
      timestamp: new Date().toISOString(),
      message: { id, model: 'demo-model', usage, content: [] },
    };
    appendFileSync(file, `${JSON.stringify(entry)}\n`);
  }

  async function priceInput(label: string) {
    const input = page.getByLabel(label, { exact: true });
    await input.waitFor({ timeout: WAIT_MS });
    return input;
  }

  it('shows tokens and cost on cards and their sum in the header; a price added in Settings gives the cost', async () => {
    const [one] = await env.manager.create({
      repoPath: env.repo.repo,
      provider: 'demo',
      prompt: 'p1',
      name: 'usage one',
    });
    const [two] = await env.manager.create({
      repoPath: env.repo.repo,
      provider: 'demo',
      prompt: 'p2',
      name: 'usage two',
    });
    await waitForSession(env.manager, one!.id, 'waiting', 20_000);
    await waitForSession(env.manager, two!.id, 'waiting', 20_000);
    addReply(one!, 'msg_a', {
      input_tokens: 100_000,
      output_tokens: 10_000,
      cache_read_input_tokens: 500_000,
      cache_creation_input_tokens: 40_000,
    });
    addReply(two!, 'msg_b', { input_tokens: 50_000, output_tokens: 10_000 });

    const usageOne = card(page, 'usage one').getByLabel('Usage', { exact: true });
    const usageTwo = card(page, 'usage two').getByLabel('Usage', { exact: true });
    const total = page.getByLabel('Usage on screen', { exact: true });
    // No price for demo-model yet: tokens, and "—" for the cost (never a guess).
    await expect.poll(() => usageOne.textContent(), { timeout: WAIT_MS }).toBe('650k tok · —');
    await expect.poll(() => usageTwo.textContent(), { timeout: WAIT_MS }).toBe('60k tok · —');
    await expect.poll(() => total.textContent(), { timeout: WAIT_MS }).toBe('710k tok · —');
    await saveScreenshot(page, 'usage-cards-unpriced');

    await page.getByRole('button', { name: 'Settings' }).click();
    const prices = page.getByRole('region', { name: 'Prices' });
    await prices.getByRole('button', { name: 'Add model' }).click();
    const rows = prices.locator('tbody tr');
    const row = rows.nth((await rows.count()) - 1);
    await row.getByRole('textbox').nth(0).fill('demo-model');
    for (const [label, value] of [
      ['input', '3'],
      ['output', '15'],
      ['cache read', '0.3'],
      ['cache write', '3.75'],
    ]) {
      await (await priceInput(`demo-model ${label} price`)).fill(value!);
    }
    await prices.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'usage-prices-settings');
    await prices.getByRole('button', { name: 'Save prices' }).click();
    // 100k in at $3, 10k out at $15, 500k cache read at $0.30, 40k cache write at $3.75 (per million): $0.75.
    await expect.poll(() => usageOne.textContent(), { timeout: WAIT_MS }).toBe('650k tok · $0.75');
    await expect.poll(() => usageTwo.textContent(), { timeout: WAIT_MS }).toBe('60k tok · $0.30');

    // Editing the input price: $6 per million doubles the input's part of the cost.
    await (await priceInput('demo-model input price')).fill('6');
    await prices.getByRole('button', { name: 'Save prices' }).click();
    await expect.poll(() => usageOne.textContent(), { timeout: WAIT_MS }).toBe('650k tok · $1.05');
    await page.keyboard.press('Escape');
    await expect.poll(() => total.textContent(), { timeout: WAIT_MS }).toBe('710k tok · $1.50');

    // A refused price says why and changes nothing.
    await page.getByRole('button', { name: 'Settings' }).click();
    await (await priceInput('demo-model output price')).fill('-1');
    await prices.getByRole('button', { name: 'Save prices' }).click();
    await expect.poll(() => prices.getByRole('alert').textContent(), { timeout: WAIT_MS }).toMatch(/demo-model output/);
    await page.keyboard.press('Escape');
    expect(await usageOne.textContent()).toBe('650k tok · $1.05');
    await saveScreenshot(page, 'usage-cards-priced');

    // The session's details: each kind of token and the cost.
    await card(page, 'usage one').getByRole('button', { name: 'usage one', exact: true }).click();
    const details = page.getByRole('region', { name: 'Session details' });
    const fact = (label: string) => details.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]');
    await expect
      .poll(() => fact('Tokens').textContent(), { timeout: WAIT_MS })
      .toBe('100k in · 500k cache read · 40k cache write · 10k out');
    expect(await fact('Cost').textContent()).toBe('$1.05');
  });

  it('stays one short line on each card of a full grid', { timeout: 90_000 }, async () => {
    const sessions = await env.manager.create({
      repoPath: env.repo.repo,
      provider: 'demo',
      prompt: 'grid',
      name: 'grid',
      count: 12,
    });
    for (const s of sessions) await waitForSession(env.manager, s.id, 'waiting', 30_000);
    sessions.forEach((s, i) =>
      addReply(s, `msg_grid_${i}`, {
        input_tokens: 1000 * (i + 1),
        output_tokens: 100,
        cache_read_input_tokens: 20_000,
      }),
    );
    // Back from the previous test's focused view to the grid.
    await page.getByRole('button', { name: '← Grid' }).click();
    const last = card(page, 'grid #12').getByLabel('Usage', { exact: true });
    await expect.poll(() => last.textContent(), { timeout: WAIT_MS }).toBe('32.1k tok · $0.08');
    for (const target of await page.locator('.card-usage').all()) {
      const box = await target.boundingBox();
      expect(box!.height).toBeLessThan(18);
    }
    await saveScreenshot(page, 'usage-grid');
  });
});
