import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { skipWithoutBrowser } from './support/browser.js';
import { card, waitForStatus, waitForTerminalText } from './support/dashboard-page.js';
import { useDashboard } from './support/dashboard-suite.js';
import { sessionNamed, type E2eHost } from './support/e2e-host.js';

/** An agent that needs an account: the card says so and what to do, and offers nothing to approve. */
describe.skipIf(skipWithoutBrowser)('dashboard: sign-in screens', () => {
  let env: E2eHost;
  let page: Page;

  useDashboard('sign-in', (suite) => ({ env, page } = suite));

  it('the card says "Needs sign-in" with the hint and no Approve / Deny, auto-yes leaves it, and it clears once signed in', async () => {
    await env.manager.create({
      repoPath: env.repo.repo,
      provider: 'demo',
      prompt: 'needs sign-in',
      name: 'no account',
      autoYes: true,
    });
    const account = card(page, 'no account');
    await waitForStatus(account, 'waiting');
    const panel = account.getByRole('group', { name: 'Sign-in needed by no account' });
    await panel.getByText('Needs sign-in', { exact: true }).waitFor();
    expect(await panel.textContent()).toContain('open the terminal and type /login');
    expect(await account.getByRole('button', { name: /^(Approve|Deny)$/ }).count()).toBe(0);
    expect(env.manager.history(sessionNamed(env.manager, 'no account').id).map((e) => e.kind)).not.toContain(
      'approved',
    );

    // What the hint says: sign in in the terminal, which the card opens.
    await panel.getByRole('button', { name: 'Open terminal' }).click();
    await waitForTerminalText(page, 'Not signed in');
    await page.locator('.terminal-host .xterm').click();
    await page.keyboard.type('/login');
    await page.keyboard.press('Enter');
    await waitForTerminalText(page, 'Signed in.');
    await page.getByRole('button', { name: '← Grid' }).click();
    await waitForStatus(card(page, 'no account'), 'idle');
    expect(await card(page, 'no account').getByText('Needs sign-in').count()).toBe(0);
  });
});
