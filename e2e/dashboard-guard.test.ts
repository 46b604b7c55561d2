import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { waitForScreen } from '../electron/test-support/wait-for.js';
import { RESULTS_DIR, skipWithoutBrowser } from './support/browser.js';
import { card, createFromDialog, waitForStatus } from './support/dashboard-page.js';
import { useDashboard } from './support/dashboard-suite.js';
import { sessionNamed, type E2eHost } from './support/e2e-host.js';

const SUDO_RULE = 'runs a command as root (sudo)';
const PATTERN = 'make\\s+deploy';

/** Settings → Auto-yes guard: the user's own patterns and built-in rules turned off, as auto-yes obeys them. */
describe.skipIf(skipWithoutBrowser)('dashboard: auto-yes guard settings', () => {
  let env: E2eHost;
  let page: Page;

  useDashboard('guard', (suite) => ({ env, page } = suite));

  const shot = (name: string) => page.screenshot({ path: path.join(RESULTS_DIR, `guard-${name}.png`) });
  const openSettings = async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    return page.getByRole('dialog', { name: 'Settings' });
  };

  it('a bad pattern shows an inline error; a pattern and a rule turned off are saved and survive a reload', async () => {
    const dialog = await openSettings();
    const patterns = dialog.getByLabel('Your guard patterns');
    await patterns.fill('npm publish\nmake (deploy');
    await dialog
      .getByRole('alert')
      .filter({ hasText: 'Line 2: guard pattern "make (deploy" is not a valid regular expression' })
      .waitFor();
    await dialog.getByRole('button', { name: 'Save settings' }).click();
    expect(env.manager.settings().guardExtraPatterns).toEqual([]);
    await dialog.getByRole('group', { name: /Built-in rules/ }).scrollIntoViewIfNeeded();
    await shot('settings-error-dark');

    await patterns.fill(PATTERN);
    await dialog.getByRole('alert').waitFor({ state: 'detached' });
    await dialog.getByRole('checkbox', { name: SUDO_RULE }).uncheck();
    await dialog.getByRole('button', { name: 'Save settings' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(env.manager.settings()).toMatchObject({ guardDisabledRules: ['sudo'], guardExtraPatterns: [PATTERN] });

    await page.reload();
    const reloaded = await openSettings();
    expect(await reloaded.getByLabel('Your guard patterns').inputValue()).toBe(PATTERN);
    expect(await reloaded.getByRole('checkbox', { name: SUDO_RULE }).isChecked()).toBe(false);
    expect(
      await reloaded.getByRole('checkbox', { name: 'force-pushes (rewrites the remote history)' }).isChecked(),
    ).toBe(true);
    await reloaded.getByRole('group', { name: /Built-in rules/ }).scrollIntoViewIfNeeded();
    await shot('settings-dark');
    await reloaded.getByRole('checkbox', { name: 'Light theme' }).check();
    await shot('settings-light');
    await page.keyboard.press('Escape');
  });

  it('auto-yes leaves a command matching the pattern waiting, with the reason, and approves sudo now that its rule is off', async () => {
    await createFromDialog(page, { repo: env.repo.repo, prompt: 'run make deploy', name: 'deployer', autoYes: true });
    const deployer = card(page, 'deployer');
    await waitForStatus(deployer, 'waiting');
    await deployer.getByText(`auto-yes refused: matches your guard pattern ${PATTERN} (make deploy)`).waitFor();

    await createFromDialog(page, { repo: env.repo.repo, prompt: 'run sudo ls', name: 'rooter', autoYes: true });
    await waitForScreen(env.manager, sessionNamed(env.manager, 'rooter').id, 'Ran `sudo ls`');
    // Well past the auto-yes delay, the deploy question is still the user's.
    expect(sessionNamed(env.manager, 'deployer')).toMatchObject({
      status: 'waiting',
      question: { text: 'Do you want to run `make deploy`?' },
    });
    await deployer.screenshot({ path: path.join(RESULTS_DIR, 'guard-card-light.png') });
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('dialog', { name: 'Settings' }).getByRole('checkbox', { name: 'Light theme' }).uncheck();
    await page.keyboard.press('Escape');
    await deployer.screenshot({ path: path.join(RESULTS_DIR, 'guard-card-dark.png') });

    // Answered by hand, the note goes with the question.
    await deployer.getByRole('button', { name: 'Deny', exact: true }).click();
    await deployer.getByText('matches your guard pattern').waitFor({ state: 'detached' });
  });
});
