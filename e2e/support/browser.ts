import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { CHROMIUM, chromiumAvailable, launchChromium } from '../../bench/chromium.js';
import { packageRoot } from '../../electron/package-root.js';

export const RESULTS_DIR = path.join(packageRoot(), 'test-results');

/**
 * Without Chromium the browser tests are skipped, saying why (`apt-get install chromium`); in CI, which
 * installs it (.ci/run), they never are.
 */
export const skipWithoutBrowser = !chromiumAvailable() && process.env.CI !== 'true';
if (skipWithoutBrowser) console.warn(`e2e: skipping browser tests: ${CHROMIUM} is missing (apt-get install chromium)`);

export const launchBrowser = launchChromium;

/** Saves a full-page PNG under test-results/ (named after the test), e.g. when a test failed. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name.replace(/[^a-z0-9-]+/gi, '-').slice(0, 100)}.png`);
  await page.screenshot({ path: file, fullPage: true, timeout: 5000 }).catch(() => undefined);
  return file;
}
