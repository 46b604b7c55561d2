import { existsSync } from 'node:fs';
import path from 'node:path';
import { SessionManager } from '../../electron/engine/index.js';
import type { Session } from '../../shared/session.js';
import type { RunningHost } from '../../electron/host/host-server.js';
import { packageRoot } from '../../electron/package-root.js';
import { createTempRepo, type TempRepo } from '../../electron/test-support/temp-repo.js';
import { startTestHost } from '../../electron/test-support/test-host.js';
import type { NativeDialogs } from '../../electron/api/dialog-handlers.js';
import { engineHandlers } from '../../electron/api/engine-handlers.js';

export const RENDERER_DIR = path.join(packageRoot(), 'dist', 'renderer');

export interface E2eHost {
  repo: TempRepo;
  manager: SessionManager;
  host: RunningHost;
  /** The page URL with the token, as `flotilla serve` prints it. */
  url: string;
  /** The page URL without any token. */
  origin: string;
  /**
   * Stops the host and the engine (agents are kept as paused), then starts both again on the same port and
   * token; `whileDown` runs in between (e.g. to look at the page while the host is away).
   */
  restart(whileDown?: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Engine + host serving the real renderer build, over a fresh temp repo; the demo agent is quick.
 * `dialogs` stands in for the desktop shell's native dialogs (Electron cannot run here).
 */
export async function startE2eHost(
  options: { busyMs?: number; dialogs?: NativeDialogs; workingDir?: string } = {},
): Promise<E2eHost> {
  if (!existsSync(path.join(RENDERER_DIR, 'index.html')))
    throw new Error(`${RENDERER_DIR} is missing: run "npm run build" first`);
  const repo = createTempRepo('webapp');
  const env = { ...process.env, FLOTILLA_DEMO_BUSY_MS: String(options.busyMs ?? 400) };
  const open = async (port = 0, token?: string) => {
    const manager = await SessionManager.open({ dataDir: repo.dataDir, env });
    manager.updateSettings({ idleQuietMs: 400, killGraceMs: 1000 });
    const { dialogs } = options;
    // The host "runs in" the temp repo, as `flotilla serve` started there would: the dialog's first-run repository.
    const info = { version: 'e2e', startedAt: new Date().toISOString(), workingDir: options.workingDir ?? repo.repo };
    const host = await startTestHost(manager, {
      handlers: engineHandlers(manager, { ...info, ...(dialogs ? { dialogs } : {}) }),
      staticDir: RENDERER_DIR,
      port,
      host: '127.0.0.1',
      ...(token ? { token } : {}),
    });
    return { manager, host };
  };
  let running = await open();
  const self: E2eHost = {
    repo,
    manager: running.manager,
    host: running.host,
    url: running.host.url,
    origin: `http://127.0.0.1:${running.host.port}/`,
    async restart(whileDown) {
      const { port, token } = running.host;
      await running.host.close();
      await running.manager.close();
      await whileDown?.();
      running = await open(port, token);
      self.manager = running.manager;
      self.host = running.host;
    },
    async stop() {
      await running.host.close();
      await running.manager.close();
      await repo.cleanup();
    },
  };
  return self;
}

/** The session with this name (names are unique within a spec), or a failure naming it. */
export function sessionNamed(manager: SessionManager, name: string): Session {
  const found = manager.list().find((s) => s.name === name);
  if (!found)
    throw new Error(
      `no session named ${name} (there are: ${manager
        .list()
        .map((s) => s.name)
        .join(', ')})`,
    );
  return found;
}
