import type { Browser } from 'playwright-core';
import type { SessionManager } from '../electron/engine/index.js';
import type { RunningHost } from '../electron/host/host-server.js';
import { until } from './bench-host.js';

/**
 * The question's last line leaves the host -> the session's card in the dashboard says "waiting", in
 * Chromium: detection, the status event, the WebSocket, the store and React. Both ends read Date.now()
 * (one machine, one clock); the page notes the moment the card's status element changes.
 */
export async function cardStatusLatency(
  manager: SessionManager,
  host: RunningHost,
  browser: Browser,
  repo: string,
  samples = 20,
): Promise<number[]> {
  const [session] = await manager.create({ repoPath: repo, provider: 'demo', prompt: '', name: 'card latency' });
  const id = session!.id;
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    await until(() => manager.get(id).status === 'idle', 60_000);
    await page.goto(host.url);
    const card = page.getByRole('article', { name: 'card latency', exact: true });
    await card.locator('[data-status="idle"]').waitFor({ timeout: 30_000 });
    const latencies: number[] = [];
    for (let i = 0; i < samples; i++) {
      await card.evaluate((article) => {
        const w = window as unknown as { waitingAt?: number };
        delete w.waitingAt;
        const observer = new MutationObserver(() => {
          if (article.querySelector('[data-status="waiting"]')) {
            w.waitingAt = Date.now();
            observer.disconnect();
          }
        });
        observer.observe(article, { subtree: true, childList: true, attributes: true, characterData: true });
      });
      let shownAt = 0;
      const stop = manager.subscribe((event) => {
        if (event.name === 'session.output' && event.payload.id === id && event.payload.data.includes('2. No'))
          shownAt ||= Date.now();
      });
      await manager.send(id, `task ${i}`);
      await page.waitForFunction(() => (window as unknown as { waitingAt?: number }).waitingAt, undefined, {
        timeout: 10_000,
      });
      stop();
      const waitingAt = await page.evaluate(() => (window as unknown as { waitingAt: number }).waitingAt);
      latencies.push(waitingAt - shownAt);
      manager.deny(id);
      await until(() => manager.get(id).status === 'idle', 30_000);
    }
    return latencies;
  } finally {
    await page.close();
    await manager.kill([id]);
    await manager.remove(id, true);
  }
}
