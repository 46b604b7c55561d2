import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { packageRoot } from '../electron/package-root.js';

/**
 * A real restart: `flotilla serve` started as its own process on a data dir that holds `count` sessions,
 * until a fresh dashboard page in Chromium lists every card and the cards on screen show their last
 * screens. The host is stopped (SIGTERM) afterwards; the sessions stay for the caller to remove.
 */
export async function restartToDashboard(dataDir: string, browser: Browser, count: number): Promise<number> {
  const began = performance.now();
  const child = spawn(
    process.execPath,
    [path.join(packageRoot(), 'bin', 'flotilla.js'), 'serve', '--data-dir', dataDir],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error('bench: flotilla serve printed no URL in 30 s')), 30_000);
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const found = /^http:\/\/\S+$/m.exec(out);
        if (found) {
          clearTimeout(timer);
          resolve(found[0]);
        }
      });
      child.once('exit', (code) => reject(new Error(`bench: flotilla serve exited (${code}) before serving`)));
    });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await page.goto(url);
      await page.waitForFunction(
        (expected) => {
          const cards = Array.from(document.querySelectorAll('article'));
          if (cards.length < expected) return false;
          const onScreen = cards.filter((card) => {
            const box = card.getBoundingClientRect();
            return box.bottom > 0 && box.top < window.innerHeight;
          });
          return onScreen.every(
            (card) => (card.querySelector('[data-testid="card-preview"]')?.textContent ?? '') !== '',
          );
        },
        count,
        { timeout: 30_000, polling: 5 },
      );
      return performance.now() - began;
    } finally {
      await page.close();
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}
