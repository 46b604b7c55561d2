import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { saveScreenshot, skipWithoutBrowser } from './support/browser.js';
import { useDashboard } from './support/dashboard-suite.js';
import type { E2eHost } from './support/e2e-host.js';

/** Settings → Profiles: saved provider profiles are added, offered in New session, edited and deleted. */
describe.skipIf(skipWithoutBrowser)('dashboard: provider profiles', () => {
  let env: E2eHost;
  let page: Page;

  useDashboard('profiles', (suite) => ({ env, page } = suite));

  const openSettings = async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    return page.getByRole('dialog', { name: 'Settings' });
  };

  it('adds a profile in Settings, offers it in New session, edits its model and deletes it', async () => {
    await page.getByRole('button', { name: 'Try the demo agent' }).waitFor();
    let settings = await openSettings();
    await settings.getByText('No profiles yet', { exact: false }).waitFor();
    await settings.getByRole('button', { name: 'Add profile' }).click();
    const editor = settings.getByRole('form', { name: 'New profile' });
    await editor.getByLabel('Agent', { exact: true }).selectOption('demo');
    await editor.getByLabel('Profile name').fill('fast demo');
    await editor.getByLabel('Model (optional)').fill('demo-large');
    await editor.getByLabel('Extra arguments (one per line)').fill('--quick\n--color=never');
    await editor.getByLabel('Variable name 1').fill('API_TOKEN');
    await editor.getByLabel('Value 1').fill('s3cret-value');
    expect(await editor.getByLabel('Value 1').getAttribute('type')).toBe('password');
    await saveScreenshot(page, 'profiles-editor-dark');
    await editor.getByRole('button', { name: 'Save profile' }).click();

    const item = settings.getByRole('listitem', { name: 'fast demo' });
    await item.getByText('API_TOKEN', { exact: true }).waitFor();
    expect(await item.textContent()).toContain('demo-large');
    expect(await item.textContent()).toContain('--quick --color=never');
    expect(await item.textContent()).toContain('found on PATH');
    expect(await settings.textContent()).not.toContain('s3cret-value');
    expect(env.manager.profiles.list()).toMatchObject([
      {
        provider: 'demo',
        name: 'fast demo',
        model: 'demo-large',
        extraArgs: ['--quick', '--color=never'],
        env: { API_TOKEN: 's3cret-value' },
      },
    ]);
    await saveScreenshot(page, 'profiles-list-dark');
    await settings.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'New session', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'New session' });
    await dialog.getByRole('combobox', { name: 'Agent 1', exact: true }).selectOption('demo');
    const choice = dialog.getByRole('combobox', { name: 'Profile of agent 1' });
    await choice.getByRole('option', { name: 'fast demo (demo-large)' }).waitFor({ state: 'attached' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    settings = await openSettings();
    await settings.getByRole('button', { name: 'Edit fast demo' }).click();
    const edit = settings.getByRole('form', { name: 'Edit profile fast demo' });
    expect(await edit.getByLabel('Value 1').inputValue()).toBe('s3cret-value');
    await edit.getByLabel('Show values').check();
    expect(await edit.getByLabel('Value 1').getAttribute('type')).toBe('text');
    await edit.getByLabel('Model (optional)').fill('demo-small');
    await edit.getByRole('button', { name: 'Save profile' }).click();
    await settings.getByRole('listitem', { name: 'fast demo' }).getByText('demo-small').waitFor();
    expect(env.manager.profiles.list()[0]).toMatchObject({ model: 'demo-small', env: { API_TOKEN: 's3cret-value' } });

    await settings.getByLabel('Light theme').check();
    await saveScreenshot(page, 'profiles-list-light');
    await settings.getByLabel('Light theme').uncheck();

    // Escape closes only the confirmation, not Settings under it.
    await settings.getByRole('button', { name: 'Delete fast demo' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete profile "fast demo"?' });
    await confirm.waitFor();
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    expect(await settings.isVisible()).toBe(true);
    await settings.getByRole('button', { name: 'Delete fast demo' }).click();
    await confirm.getByRole('button', { name: 'Delete profile' }).click();
    await settings.getByRole('listitem', { name: 'fast demo' }).waitFor({ state: 'detached' });
    expect(env.manager.profiles.list()).toEqual([]);
  });

  it('shows a bad environment variable name inline and saves nothing', async () => {
    const settings = page.getByRole('dialog', { name: 'Settings' });
    if (!(await settings.isVisible())) await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await settings.getByRole('button', { name: 'Add profile' }).click();
    const editor = settings.getByRole('form', { name: 'New profile' });
    await editor.getByLabel('Agent', { exact: true }).selectOption('demo');
    await editor.getByLabel('Profile name').fill('broken');
    // KEY=VALUE lines pasted into a name fill one row each.
    await editor.getByLabel('Variable name 1').evaluate((input) => {
      const data = new DataTransfer();
      data.setData('text/plain', 'GOOD_NAME=1\nBAD NAME=x=y');
      input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    expect(await editor.getByLabel('Variable name 2').inputValue()).toBe('BAD NAME');
    expect(await editor.getByLabel('Value 2').inputValue()).toBe('x=y');
    await editor.getByRole('button', { name: 'Save profile' }).click();
    await editor.getByRole('alert').filter({ hasText: '"BAD NAME" is not a variable name' }).waitFor();
    await saveScreenshot(page, 'profiles-error-dark');
    expect(await editor.getByLabel('Variable name 2').getAttribute('aria-invalid')).toBe('true');
    await settings.getByLabel('Light theme').check();
    await editor.getByRole('button', { name: 'Save profile' }).scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'profiles-error-light');
    await settings.getByLabel('Light theme').uncheck();
    expect(env.manager.profiles.list()).toEqual([]);
    expect(await settings.getByRole('listitem', { name: 'broken' }).count()).toBe(0);
  });
});
