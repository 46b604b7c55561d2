import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../electron/package-root.js';
import { createTempRepo } from '../electron/test-support/temp-repo.js';

const require = createRequire(import.meta.url);

/** The Electron binary, if the electron package managed to download one on this machine. */
function electronBinary(): string | undefined {
  const dir = path.dirname(require.resolve('electron/package.json'));
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) && existsSync(path.join(packageRoot(), 'native', 'electron', 'better_sqlite3.node')) ? binary : undefined;
}

const binary = electronBinary();
if (!binary) {
  console.log(
    'electron smoke: skipped — no Electron binary (or no Electron build of better-sqlite3) on this machine; `npm start` downloads and builds both where the network allows',
  );
}

describe.skipIf(binary)('without an Electron binary', () => {
  it('npm start fails with one clear line pointing to the headless host', () => {
    const run = spawnSync(process.execPath, [path.join(packageRoot(), 'scripts', 'start-electron.js')], {
      cwd: packageRoot(),
      env: { ...process.env, FLOTILLA_NO_ELECTRON_DOWNLOAD: '1' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/cannot start the desktop app: .*npm run serve/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe.skipIf(!binary)('Electron app smoke', () => {
  it('opens the window, answers the contract through the preload, and creates a demo session', async () => {
    const temp = createTempRepo();
    const home = mkdtempSync(path.join(os.tmpdir(), 'flotilla-electron-'));
    const app = await electron.launch({
      executablePath: binary!,
      args: [packageRoot()],
      env: { ...process.env, FLOTILLA_HOME: home, FLOTILLA_DEMO_BUSY_MS: '200' },
    });
    try {
      const page = await app.firstWindow();
      expect(await page.title()).toBe('Flotilla');
      const isolated = await page.evaluate(() => typeof (globalThis as { require?: unknown }).require === 'undefined');
      expect(isolated).toBe(true);
      const listed = await page.evaluate(() =>
        (window as unknown as { flotilla: { invoke(m: string, p: unknown): Promise<unknown> } }).flotilla.invoke('session.list', {}),
      );
      expect(listed).toMatchObject({ ok: true, result: { sessions: [] } });
      const created = (await page.evaluate(
        (repoPath) =>
          (window as unknown as { flotilla: { invoke(m: string, p: unknown): Promise<unknown> } }).flotilla.invoke('session.create', {
            repoPath,
            prompt: 'from electron',
          }),
        temp.repo,
      )) as { ok: boolean; result: { sessions: { status: string }[] } };
      expect(created.ok).toBe(true);
      expect(created.result.sessions[0]?.status).toBe('running');
    } finally {
      await app.close();
      rmSync(home, { recursive: true, force: true });
      await temp.cleanup();
    }
  });
});
