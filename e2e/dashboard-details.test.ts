import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { skipWithoutBrowser } from './support/browser.js';
import { card, waitForStatus, waitForTerminalText } from './support/dashboard-page.js';
import { useDashboard } from './support/dashboard-suite.js';
import { sessionNamed, type E2eHost } from './support/e2e-host.js';

/** The focused view's details (process, conversation, rename) and its terminal's search. */
describe.skipIf(skipWithoutBrowser)('dashboard: session details and terminal search', () => {
  let env: E2eHost;
  let page: Page;

  useDashboard('details', (suite) => ({ env, page } = suite));

  const details = () => page.getByRole('region', { name: 'Session details' });
  /** The value shown beside a label in the details' facts list. */
  const fact = (label: string) => details().locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]');

  it('shows the agent’s pid and the provider’s conversation id', async () => {
    await env.manager.create({ repoPath: env.repo.repo, provider: 'demo', prompt: '', name: 'inspect me' });
    await waitForStatus(card(page, 'inspect me'), 'idle');
    const session = sessionNamed(env.manager, 'inspect me');
    expect(session.pid).toBeGreaterThan(0);
    expect(session.conversationId).toMatch(/^[0-9a-f-]{36}$/);
    await card(page, 'inspect me').getByRole('button', { name: 'inspect me', exact: true }).click();
    await expect.poll(() => fact('Process').textContent()).toMatch(new RegExp(`^pid ${session.pid}\\b`));
    expect(await fact('Conversation').textContent()).toBe(session.conversationId);
    // The agent itself was started with that conversation.
    await waitForTerminalText(page, `Conversation ${session.conversationId}`);
  });

  it('renames the session from its details', async () => {
    await details().getByRole('button', { name: 'Rename' }).click();
    await details().getByLabel('Session name').fill('inspected');
    await details().getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'inspected', level: 1 }).waitFor();
    await details().getByRole('heading', { name: 'inspected' }).waitFor();
    expect(env.manager.get(sessionNamed(env.manager, 'inspected').id).name).toBe('inspected');
  });

  it('the terminal’s search box finds a word in its output and selects it', async () => {
    await env.manager.send(sessionNamed(env.manager, 'inspected').id, 'find the marmalade');
    await waitForTerminalText(page, 'Do you want to create find-the-marmalade.txt?');
    const search = page.getByRole('searchbox', { name: 'Search the terminal' });
    await search.fill('marmalade');
    await search.press('Enter');
    // xterm's search selects the match: the selection layer draws it (DOM renderer) over the word.
    await expect.poll(() => selectionText(page)).toBe('marmalade');
    await search.fill('no such word here');
    await search.press('Enter');
    await expect.poll(() => selectionText(page)).toBe('');
  });
});

/** The terminal's selected text, read as the rows and columns its selection layer covers. */
function selectionText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const screen = document.querySelector('.terminal-host .xterm-screen');
    const boxes = Array.from(document.querySelectorAll('.terminal-host .xterm-selection div'))
      .map((el) => el.getBoundingClientRect())
      .filter((box) => box.width > 0 && box.height > 0);
    const rows = Array.from(document.querySelectorAll('.terminal-host .xterm-rows > div'));
    if (!screen || boxes.length === 0 || rows.length === 0) return '';
    const cell = { width: screen.getBoundingClientRect().width, height: rows[0]!.getBoundingClientRect().height };
    const text: string[] = [];
    for (const box of boxes) {
      const row = rows.find((r) => Math.abs(r.getBoundingClientRect().top - box.top) < cell.height / 2);
      const line = row?.textContent ?? '';
      const cols = (window as unknown as { flotillaTerminal?: { size(): { cols: number } } }).flotillaTerminal?.size()
        .cols;
      if (!cols) continue;
      const left = screen.getBoundingClientRect().left;
      const from = Math.round(((box.left - left) / cell.width) * cols);
      const to = Math.round(((box.right - left) / cell.width) * cols);
      text.push(line.slice(from, to));
    }
    return text.join('\n');
  });
}
