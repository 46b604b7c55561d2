import type { Page } from 'playwright-core';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveScreenshot, skipWithoutBrowser } from './support/browser.js';
import { card, waitForStatus, waitForTerminalText } from './support/dashboard-page.js';
import { useDashboard } from './support/dashboard-suite.js';
import { sessionNamed, type E2eHost } from './support/e2e-host.js';

/**
 * The focused view's Conversation tab: the demo agent writes its conversation as Claude Code does, the host
 * reads it into typed events and pushes them; the tab shows messages and tool calls in order, a tool call
 * expands to its input and result, and the search narrows the list.
 */
describe.skipIf(skipWithoutBrowser)('dashboard: Conversation tab', () => {
  let env: E2eHost;
  let page: Page;

  useDashboard('conversation', (suite) => ({ env, page } = suite));

  const pane = () => page.getByRole('region', { name: 'Conversation' });
  const items = () => pane().locator('.convo-item');

  it('shows the prompt, the Write call and the reply; the call expands; later events arrive live', async () => {
    await env.manager.create({ repoPath: env.repo.repo, provider: 'demo', prompt: 'write the notes', name: 'talker' });
    await waitForStatus(card(page, 'talker'), 'waiting');
    const session = sessionNamed(env.manager, 'talker');
    await env.manager.approve(session.id);
    await waitForStatus(card(page, 'talker'), 'idle');
    await card(page, 'talker').getByRole('button', { name: 'talker', exact: true }).click();
    await waitForTerminalText(page, 'Wrote write-the-notes.txt');

    await page.getByRole('tab', { name: 'Conversation' }).click();
    await expect.poll(() => items().allTextContents()).toHaveLength(4);
    const texts = await items().allTextContents();
    expect(texts[0]).toContain('write the notes');
    expect(texts[1]).toContain("I'll create write-the-notes.txt.");
    const file = path.join(session.worktreePath, 'write-the-notes.txt');
    expect(texts[2]).toMatch(/^Write.*write-the-notes\.txt.*ok/);
    expect(texts[3]).toContain('Wrote write-the-notes.txt.');

    // Collapsed, the call shows no input; expanded, its input (pretty JSON), result and the file it created.
    const tool = pane().locator('details.convo-tool');
    expect(await tool.getAttribute('open')).toBeNull();
    await tool.locator('summary').click();
    await expect.poll(() => tool.locator('.convo-tool-body').isVisible()).toBe(true);
    const body = await tool.locator('.convo-tool-body').textContent();
    expect(body).toContain(`"file_path": "${file}"`);
    expect(body).toContain('Done (pretend).');
    expect(body).toContain('created write-the-notes.txt');
    await saveScreenshot(page, 'conversation-tab');

    // A new prompt shows up without reloading.
    await env.manager.send(session.id, 'run ls');
    await expect.poll(async () => (await items().allTextContents()).some((t) => t.startsWith('Bash'))).toBe(true);
  });

  it('the search narrows the list to what mentions the words, and says how many', async () => {
    const search = page.getByRole('searchbox', { name: 'Search the conversation' });
    await search.fill('notes.txt');
    await expect.poll(() => items().count()).toBe(3);
    expect(await pane().locator('.terminal-hint').textContent()).toMatch(/^3 of \d+$/);
    await search.fill('no such words anywhere');
    await expect.poll(() => items().count()).toBe(0);
    await search.fill('');
    await expect.poll(() => items().count()).toBeGreaterThan(4);
    // Back to the terminal: it is there as before.
    await page.getByRole('tab', { name: 'Terminal' }).click();
    await waitForTerminalText(page, 'Wrote write-the-notes.txt');
  });
});
