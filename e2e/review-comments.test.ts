import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { saveScreenshot, skipWithoutBrowser } from './support/browser.js';
import { card, terminalText, waitForStatus } from './support/dashboard-page.js';
import { useDashboard } from './support/dashboard-suite.js';
import { sessionNamed, type E2eHost } from './support/e2e-host.js';

/** Spaces and line breaks out: the terminal wraps the one-line message wherever its width ends. */
const squeeze = (text: string) => text.replace(/\s+/g, '');

/** Review comments made in the diff viewer, sent to a demo agent as one message (issue 15, Done means). */
describe.skipIf(skipWithoutBrowser)('dashboard: review comments', () => {
  let env: E2eHost;
  let page: Page;
  useDashboard('review-comments', (suite) => ({ env, page } = suite));

  it(
    'two comments on two files, made in the diff viewer, reach the agent as one message in diff order',
    { timeout: 90_000 },
    async () => {
      await env.manager.create({ repoPath: env.repo.repo, prompt: 'add a note', name: 'rev', autoYes: true });
      const rev = card(page, 'rev');
      await waitForStatus(rev, 'idle', 30_000);
      const worktree = sessionNamed(env.manager, 'rev').worktreePath;
      writeFileSync(path.join(worktree, 'alpha.txt'), 'alpha one\n');
      writeFileSync(path.join(worktree, 'zeta.txt'), 'zeta one\nzeta two\nzeta three\n');

      await rev.getByRole('button', { name: 'rev', exact: true }).click();
      const changes = page.getByRole('region', { name: 'Changes' });
      const patch = changes.getByRole('table', { name: 'Unified diff' });
      // The later file first: the message still follows the diff's order.
      await changes.getByRole('option', { name: 'zeta.txt' }).click();
      await patch.getByText('zeta two').waitFor();
      await patch.getByRole('button', { name: 'Comment on line 2' }).click();
      await patch.getByRole('button', { name: 'Comment on line 3' }).click({ modifiers: ['Shift'] });
      await patch.getByLabel('Comment on lines 2–3').fill('These two lines say nothing new');
      await patch.getByRole('button', { name: 'Save draft' }).click();
      const zetaComment = patch.getByRole('article', { name: 'Review comment on lines 2–3' });
      await zetaComment.getByText('draft', { exact: true }).waitFor();

      // The keyboard alone: focus the line number, Enter, type, Ctrl+Enter saves.
      await changes.getByRole('option', { name: 'alpha.txt' }).click();
      await patch.getByText('alpha one').waitFor();
      await patch.getByRole('button', { name: 'Comment on line 1' }).focus();
      await page.keyboard.press('Enter');
      await page.keyboard.type('Name it after what it holds');
      await page.keyboard.press('Control+Enter');
      await patch
        .getByRole('article', { name: 'Review comment on line 1' })
        .getByText('draft', { exact: true })
        .waitFor();
      await saveScreenshot(page, 'review-comments-drafts');

      const send = changes.getByRole('button', { name: 'Send review (2)' });
      await send.click();
      await changes.getByText('Sent 2 to the agent').waitFor();
      await changes.getByRole('button', { name: /^Send review/ }).waitFor({ state: 'detached' });
      await patch
        .getByRole('article', { name: 'Review comment on line 1' })
        .getByText('sent', { exact: true })
        .waitFor();

      // One message, typed into the agent once it is idle: alpha.txt (first in the diff) before zeta.txt.
      const expected = [
        '[message from user] Review of your changes: 2 comments, in diff order. Please address each.',
        '1. alpha.txt:1 > alpha one Comment: Name it after what it holds',
        '2. zeta.txt:2-3 > zeta two > zeta three Comment: These two lines say nothing new',
      ].join(' ');
      await page.waitForFunction(
        (wanted) => {
          const text = (globalThis as { flotillaTerminal?: { text(): string } }).flotillaTerminal?.text() ?? '';
          return text.replace(/\s+/g, '').includes(wanted);
        },
        squeeze(expected),
        { timeout: 30_000, polling: 200 },
      );
      expect(squeeze(await terminalText(page)).split(squeeze(expected)).length).toBe(2);
      await saveScreenshot(page, 'review-comments-sent');

      // Side by side: comments show there too, and a deleted line takes a comment on the old side.
      await changes.getByRole('button', { name: 'Side by side' }).click();
      const split = changes.getByRole('table', { name: 'Side-by-side diff' });
      await changes.getByRole('option', { name: 'zeta.txt' }).click();
      await split
        .getByRole('article', { name: 'Review comment on lines 2–3' })
        .getByText('sent', { exact: true })
        .waitFor();
      writeFileSync(path.join(worktree, 'README.md'), '# a new title\n');
      await changes.getByRole('option', { name: 'README.md' }).click();
      await split.getByRole('button', { name: 'Comment on deleted line 1' }).click();
      await split.getByRole('textbox', { name: 'Comment on deleted line 1' }).fill('Keep the old title');
      await split.getByRole('button', { name: 'Save draft' }).click();
      await split
        .getByRole('article', { name: 'Review comment on line 1' })
        .getByText('draft', { exact: true })
        .waitFor();
      await changes.getByRole('button', { name: 'Send review (1)' }).waitFor();
      await saveScreenshot(page, 'review-comments-split');
      await changes.getByRole('button', { name: 'Unified' }).click();
      await changes.getByRole('option', { name: 'alpha.txt' }).click();

      // The quoted line changes: the sent comment leaves the diff (the CLI still lists it, stale).
      writeFileSync(path.join(worktree, 'alpha.txt'), 'alpha ONE\nalpha two\n');
      await patch.getByText('alpha ONE').waitFor({ timeout: 30_000 });
      await patch.getByRole('article', { name: 'Review comment on line 1' }).waitFor({ state: 'detached' });
      const listed = await env.manager.reviewLoop.comments.service.list(sessionNamed(env.manager, 'rev').id);
      expect(listed.map((c) => [c.file, c.side, c.state, c.stale])).toEqual([
        ['README.md', 'old', 'draft', false],
        ['alpha.txt', 'new', 'sent', true],
        ['zeta.txt', 'new', 'sent', false],
      ]);
    },
  );
});
