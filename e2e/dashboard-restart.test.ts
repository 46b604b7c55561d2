import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { waitForStatus as waitForEngineStatus } from '../electron/test-support/wait-for.js';
import { skipWithoutBrowser } from './support/browser.js';
import { card, waitForStatus } from './support/dashboard-page.js';
import { useDashboard } from './support/dashboard-suite.js';
import type { E2eHost } from './support/e2e-host.js';

/** Restart from a card and the focused view, Approve selected in the batch bar, and the worktree's path. */
describe.skipIf(skipWithoutBrowser)('dashboard: restart and batch approve', () => {
  let env: E2eHost;
  let page: Page;

  useDashboard('restart', (suite) => ({ env, page } = suite));

  it('restarts a cancelled session from its card: it runs again in the same worktree, resuming its conversation', async () => {
    const [session] = await env.manager.create({ repoPath: env.repo.repo, prompt: 'redo me', name: 'redo' });
    const redo = card(page, 'redo');
    await waitForStatus(redo, 'waiting');
    expect(await redo.getByRole('button', { name: 'Restart', exact: true }).count()).toBe(0); // live: no restart
    await redo.getByRole('button', { name: 'Terminate', exact: true }).click();
    await waitForStatus(redo, 'cancelled');

    await redo.getByRole('button', { name: 'Restart', exact: true }).click();
    await waitForEngineStatus(env.manager, session!.id, 'idle');
    await waitForStatus(redo, 'idle');
    expect(env.manager.get(session!.id)).toMatchObject({
      worktreePath: session!.worktreePath,
      branch: session!.branch,
    });
    expect((await env.manager.screen(session!.id)).text).toContain(`Resumed conversation ${session!.conversationId}`);
    expect(await redo.getByRole('button', { name: 'Restart', exact: true }).count()).toBe(0);
  });

  it('restarts a failed session from the focused view, where a browser gets Copy path instead of Open', async () => {
    const [session] = await env.manager.create({ repoPath: env.repo.repo, prompt: 'crash', name: 'crasher' });
    const crasher = card(page, 'crasher');
    await waitForStatus(crasher, 'failed');
    await crasher.getByRole('button', { name: 'crasher', exact: true }).click();
    const details = page.getByRole('region', { name: 'Session details' });
    await details.waitFor();
    // A browser may be on another machine than the host: no editor or terminal buttons, the path instead.
    await page.getByRole('button', { name: 'Copy path', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Open in editor' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Restart', exact: true }).first().click();
    await waitForEngineStatus(env.manager, session!.id, 'idle');
    expect(env.manager.get(session!.id).error).toBeNull();
    await page.getByRole('button', { name: '← Grid' }).click();
    await waitForStatus(card(page, 'crasher'), 'idle');
  });

  it('approves every waiting session of a selection, skipping (and counting) the others', async () => {
    const asking = await env.manager.create({ repoPath: env.repo.repo, prompt: 'batch yes', name: 'asker', count: 2 });
    const [done] = await env.manager.create({ repoPath: env.repo.repo, prompt: 'stopped', name: 'stopper' });
    await waitForStatus(card(page, 'asker #1'), 'waiting');
    await waitForStatus(card(page, 'asker #2'), 'waiting');
    await waitForEngineStatus(env.manager, done!.id, 'waiting');
    await env.manager.kill([done!.id]);
    await waitForStatus(card(page, 'stopper'), 'cancelled');

    for (const name of ['asker #1', 'asker #2', 'stopper'])
      await page.getByLabel(`Select ${name}`, { exact: true }).check();
    await page
      .getByRole('toolbar', { name: 'Batch actions' })
      .getByRole('button', { name: 'Approve selected' })
      .click();
    await page.locator('.notices').getByText('Approved 2 sessions; 1 not waiting was skipped').waitFor();
    for (const session of asking) {
      await waitForEngineStatus(env.manager, session.id, 'idle');
      expect(existsSync(path.join(session.worktreePath, 'batch-yes.txt'))).toBe(true);
      expect(env.manager.history(session.id).some((e) => e.kind === 'approved')).toBe(true);
    }
    expect(env.manager.get(done!.id).status).toBe('cancelled');
    await page.getByRole('toolbar', { name: 'Batch actions' }).getByRole('button', { name: 'None' }).click();
  });
});
