import { existsSync } from 'node:fs';
import path from 'node:path';
import { SessionManager } from '../engine/session-manager.js';
import { engineHandlers } from '../ipc/engine-handlers.js';
import { packageRoot } from '../package-root.js';
import { VERSION } from '../version.js';
import { isHostAlive, readHostFile, removeHostFile, writeHostFile } from './host-file.js';
import { startHost, type RunningHost } from './host-server.js';

export interface ServeOptions {
  dataDir: string;
  port?: number;
  host?: string;
  allowRemote?: boolean;
  env?: NodeJS.ProcessEnv;
}

export interface Serving {
  manager: SessionManager;
  host: RunningHost;
  stop(): Promise<void>;
}

function rendererDir(): string | undefined {
  const dir = path.join(packageRoot(), 'dist', 'renderer');
  return existsSync(path.join(dir, 'index.html')) ? dir : undefined;
}

/**
 * Engine + host for one data dir. One host per data dir: a second one would fight over the same
 * sessions, so it is refused while the first is alive.
 */
export async function serve(options: ServeOptions): Promise<Serving> {
  const existing = await readHostFile(options.dataDir);
  if (existing && existing.pid !== process.pid && (await isHostAlive(existing.pid))) {
    throw new Error(
      `a Flotilla host (pid ${existing.pid}) already serves ${options.dataDir} at ${existing.url.replace(/\?.*/, '')}`,
    );
  }
  const manager = await SessionManager.open({ dataDir: options.dataDir, env: options.env });
  const startedAt = new Date().toISOString();
  let host: RunningHost;
  try {
    host = await startHost({
      manager,
      handlers: engineHandlers(manager, { version: VERSION, startedAt }),
      port: options.port,
      host: options.host,
      allowRemote: options.allowRemote,
      staticDir: rendererDir(),
    });
    await writeHostFile(options.dataDir, {
      port: host.port,
      host: host.host,
      token: host.token,
      pid: process.pid,
      url: host.url,
      startedAt,
    });
  } catch (error) {
    await manager.close();
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    manager,
    host,
    stop: () =>
      (stopping ??= (async () => {
        await host.close();
        await manager.close();
        await removeHostFile(options.dataDir);
      })()),
  };
}
