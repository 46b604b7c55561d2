import type { Browser, Locator, Page } from 'playwright-core';
import type { SessionStatus } from '../../shared/session.js';

export const WAIT_MS = 15_000;

/** A fresh page (own cookies and storage) with bounded waits everywhere. */
export async function openPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  page.setDefaultNavigationTimeout(WAIT_MS);
  await page.goto(url);
  return page;
}

export function card(page: Page, name: string): Locator {
  return page.getByRole('article', { name, exact: true });
}

export async function waitForStatus(target: Locator, status: SessionStatus, timeout = WAIT_MS): Promise<void> {
  await target.locator(`[data-status="${status}"]`).first().waitFor({ timeout });
}

export interface DialogInput {
  repo: string;
  prompt: string;
  name?: string;
  /** Count per agent row; more than one entry uses "add another agent". */
  counts?: number[];
  autoYes?: boolean;
}

/** Fills and submits the New session dialog, and waits until it closes (every session started). */
export async function createFromDialog(page: Page, input: DialogInput): Promise<void> {
  await page.getByRole('button', { name: 'New session', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'New session' });
  await dialog.getByLabel('Repository', { exact: true }).fill(input.repo);
  await dialog.getByRole('option', { name: /\(current\)/ }).waitFor({ state: 'attached' });
  const counts = input.counts ?? [1];
  for (let i = 1; i < counts.length; i++) await dialog.getByRole('button', { name: /Add another agent/ }).click();
  for (const [i, count] of counts.entries()) {
    await dialog
      .getByRole('spinbutton', { name: /How many/ })
      .nth(i)
      .fill(String(count));
  }
  await dialog.getByLabel('Prompt').fill(input.prompt);
  if (input.name) await dialog.getByLabel('Name (optional)').fill(input.name);
  if (input.autoYes) await dialog.getByLabel('Auto-yes').check();
  await dialog.getByRole('button', { name: /^Start \d+ agents?$/ }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** What the focused terminal shows (its whole buffer), read through the page's debug accessor. */
export function terminalText(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).flotillaTerminal?.text() ?? '');
}

/** What the renderer exposes on `window` (see renderer/src/components/terminal-pane.tsx). */
type PageGlobals = { flotillaTerminal?: { sessionId: string; renderer: string; text(): string } };

export async function waitForTerminalText(page: Page, text: string, timeout = WAIT_MS): Promise<void> {
  await page.waitForFunction(
    (wanted) => ((globalThis as unknown as PageGlobals).flotillaTerminal?.text() ?? '').includes(wanted),
    text,
    { timeout, polling: 100 },
  );
}
