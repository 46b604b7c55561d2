import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { waitForStatus as waitForSession } from '../electron/test-support/wait-for.js';
import { gitSync } from '../electron/test-support/temp-repo.js';
import { saveScreenshot, skipWithoutBrowser } from './support/browser.js';
import { card, waitForStatus } from './support/dashboard-page.js';
import { useDashboard } from './support/dashboard-suite.js';
import { sessionNamed, type E2eHost } from './support/e2e-host.js';

/**
 * Small things on the cards (issue 11, item 20): fan-out suffixes, room for the repository and branch, a
 * question shown once, "merged" after a squash-merge, the Commit dialog's message, bulk remove progress, the
 * favicon.
 */
describe.skipIf(skipWithoutBrowser)('dashboard: card details', () => {
  let env: E2eHost;
  let page: Page;

  useDashboard('card-details', (suite) => ({ env, page } = suite));

  const create = (prompt: string, extra: { name?: string; count?: number } = {}) =>
    env.manager.create({ repoPath: env.repo.repo, provider: 'demo', prompt, ...extra });

  it('has a favicon the host serves', async () => {
    const href = await page.locator('link[rel="icon"]').getAttribute('href');
    expect(href).toBeTruthy();
    const response = await page.evaluate(async (url) => {
      const r = await fetch(url);
      return { status: r.status, type: r.headers.get('content-type'), body: await r.text() };
    }, href!);
    expect(response.status).toBe(200);
    expect(response.type).toContain('image/svg+xml');
    expect(response.body).toContain('<svg');
  });

  it('keeps a fan-out suffix visible when the name is cut, and shows the question once', async () => {
    const name = 'rewrite the configuration loader so that every option is validated and documented';
    const sessions = await create('write the docs', { name, count: 3 });
    for (const s of sessions) await waitForSession(env.manager, s.id, 'waiting', 20_000);
    for (const n of [1, 2, 3]) {
      const target = card(page, `${name} #${n}`);
      await waitForStatus(target, 'waiting');
      const box = await target.boundingBox();
      const title = target.locator('.card-name');
      const suffix = title.locator('.name-suffix');
      expect(await suffix.textContent()).toBe(` #${n}`);
      expect(await suffix.isVisible()).toBe(true);
      const shown = await suffix.boundingBox();
      const titleBox = await title.boundingBox();
      // Inside the title (which clips), and the title inside the card: nothing of "#n" is cut.
      expect(shown!.x).toBeGreaterThanOrEqual(titleBox!.x);
      expect(shown!.x + shown!.width).toBeLessThanOrEqual(titleBox!.x + titleBox!.width + 0.5);
      expect(shown!.y + shown!.height).toBeLessThanOrEqual(titleBox!.y + titleBox!.height + 0.5);
      expect(titleBox!.x + titleBox!.width).toBeLessThanOrEqual(box!.x + box!.width);
      // The name really is cut (so the test means something): its text overflows its two lines.
      expect(await title.locator('.name-text').evaluate((el) => el.scrollHeight > el.clientHeight + 1)).toBe(true);
    }

    // The question is in the question box, not again in the terminal preview above it.
    const first = card(page, `${name} #1`);
    const question = await first.locator('.question-text').textContent();
    expect(question).toMatch(/^Do you want to create /);
    await first.getByTestId('card-preview').filter({ hasText: 'Flotilla demo agent' }).waitFor();
    const preview = await first.getByTestId('card-preview').textContent();
    expect(preview).not.toContain(question!);
    expect(preview).not.toContain('1. Yes');
    await saveScreenshot(page, 'card-details-fanout');
    for (const s of sessions) await env.manager.remove(s.id, true);
  });

  it('leaves the repository and branch room beside the badges, and says merged once merged', async () => {
    const [session] = await create('write the docs', { name: 'beta' });
    const beta = card(page, 'beta');
    await waitForStatus(beta, 'waiting');
    await beta.getByRole('button', { name: 'Approve', exact: true }).click();
    await waitForStatus(beta, 'idle');
    // main moves on: the card gets "1 behind" beside its totals, as many badges as a card shows.
    writeFileSync(path.join(env.repo.repo, 'CHANGELOG.md'), '# Changes\n');
    gitSync(env.repo.repo, ['add', 'CHANGELOG.md']);
    gitSync(env.repo.repo, ['commit', '--quiet', '-m', 'Changelog on main']);
    writeFileSync(path.join(session!.worktreePath, 'notes.txt'), 'a note\n');
    await beta.getByLabel('Base branch').getByText('1 behind', { exact: true }).waitFor();
    await beta.getByLabel('Diff stats').filter({ hasText: '2 files' }).waitFor();
    const repoWidth = await beta.locator('.meta-repo').evaluate((el) => el.getBoundingClientRect().width);
    expect(repoWidth).toBeGreaterThanOrEqual(140);
    await saveScreenshot(page, 'card-details-badges');

    // Commit… offers a message already (the prompt), which reaches git log as it is.
    await beta.getByRole('button', { name: 'beta', exact: true }).click();
    const changes = page.getByRole('region', { name: 'Changes' });
    await changes.getByRole('option', { name: 'notes.txt' }).waitFor();
    await changes.getByRole('button', { name: 'Commit…' }).click();
    const commit = page.getByRole('dialog', { name: 'Commit changes' });
    expect(await commit.getByLabel('Commit message').inputValue()).toBe('write the docs');
    await commit.getByRole('button', { name: 'Commit', exact: true }).click();
    await commit.waitFor({ state: 'detached' });
    expect(gitSync(session!.worktreePath, ['log', '-1', '--format=%s'])).toBe('write the docs');

    const merge = changes.getByRole('button', { name: 'Merge into base' });
    expect(await merge.getAttribute('class')).toContain('primary');
    await merge.click();
    const dialog = page.getByRole('dialog', { name: 'Merge into main' });
    await dialog.getByRole('button', { name: 'Squash-merge' }).click();
    await page.getByRole('dialog', { name: 'Merged' }).getByRole('button', { name: 'Keep session' }).click();
    await changes.getByLabel('Diff totals').getByText('merged', { exact: true }).waitFor();
    // Nothing left to merge: no primary Merge, and it cannot be pressed.
    expect(await merge.getAttribute('class')).not.toContain('primary');
    expect(await merge.isDisabled()).toBe(true);
    await saveScreenshot(page, 'card-details-merged-panel');

    await page.getByRole('button', { name: '← Grid' }).click();
    await beta.getByLabel('Diff stats').getByText('merged', { exact: true }).waitFor();
    expect(await beta.getByLabel('Base branch').count()).toBe(0);
    expect(await beta.getByText(/\+\d+/).count()).toBe(0);
    await saveScreenshot(page, 'card-details-merged');
  });

  it('shows bulk remove progress in the batch bar and on the cards being removed', async () => {
    const sessions = await create('count to three', { name: 'bulk', count: 4 });
    for (const s of sessions) await waitForStatus(card(page, s.name), 'waiting');
    // Records what the page showed, however briefly: the removes may be quick.
    await page.evaluate(() => {
      const seen = ((globalThis as unknown as { seen: string[] }).seen = [] as string[]);
      const look = () => {
        const status = document.querySelector('.batch-progress')?.textContent;
        if (status) seen.push(status);
        if (document.querySelector('article.removing[aria-busy="true"] .card-removing')) seen.push('card marked');
      };
      new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    for (const s of sessions)
      await card(page, s.name)
        .getByRole('checkbox', { name: `Select ${s.name}` })
        .check();
    await page.getByRole('toolbar', { name: 'Batch actions' }).getByRole('button', { name: 'Remove selected' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Remove 4 sessions' }).click();
    for (const s of sessions) await card(page, s.name).waitFor({ state: 'detached', timeout: 30_000 });
    await page.locator('.batch-progress').waitFor({ state: 'detached' });
    const seen = await page.evaluate(() => (globalThis as unknown as { seen: string[] }).seen);
    expect(seen).toContain('Removing 1 of 4…');
    expect(seen).toContain('card marked');
    expect(seen.some((text) => /^Removing [234] of 4…$/.test(text))).toBe(true);
    expect(sessions.every((s) => !env.manager.list().some((x) => x.id === s.id))).toBe(true);
    expect(() => sessionNamed(env.manager, 'bulk #1')).toThrow();
  });
});
