import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { SessionManager } from '../electron/engine/index.js';
import type { RunningHost } from '../electron/host/host-server.js';
import { until } from './bench-host.js';

/**
 * A session that changed 1,000 files: a click on its card in a freshly loaded dashboard -> the diff
 * panel lists the files (totals shown, first row rendered). One duration per run, in ms.
 */
export async function diffViewerOpen(
  manager: SessionManager,
  host: RunningHost,
  browser: Browser,
  repo: string,
  runs: number,
): Promise<number[]> {
  const [session] = await manager.create({ repoPath: repo, provider: 'demo', prompt: '', name: 'thousand files' });
  const id = session!.id;
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    await until(() => manager.get(id).status === 'idle', 60_000);
    const worktree = manager.get(id).worktreePath!;
    mkdirSync(path.join(worktree, 'gen'));
    for (let i = 0; i < 1000; i++)
      writeFileSync(path.join(worktree, 'gen', `file-${String(i).padStart(4, '0')}.txt`), `line ${i}\n`);
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      await page.goto(host.url);
      const card = page.getByRole('article', { name: 'thousand files', exact: true });
      // The card's totals: the host has the diff, so the figure is the viewer's, not the watcher's debounce.
      await card.getByText('1000 files').waitFor({ timeout: 30_000 });
      const started = performance.now();
      await card.getByRole('button', { name: 'thousand files', exact: true }).click();
      const changes = page.getByRole('region', { name: 'Changes' });
      await changes.getByText('1000 files').waitFor({ timeout: 30_000 });
      await changes.getByRole('option', { name: 'gen/file-0000.txt' }).waitFor({ timeout: 30_000 });
      times.push(performance.now() - started);
    }
    return times;
  } finally {
    await page.close();
    await manager.kill([id]);
    await manager.remove(id, true);
  }
}
