import { existsSync } from 'node:fs';
import path from 'node:path';
import { secureDataDir } from '../data-dir.js';
import { SessionManager } from '../engine/index.js';
import { engineHandlers } from '../api/engine-handlers.js';
import { packageRoot } from '../package-root.js';
import type { SecretBox } from '../store/secret-box.js';
import { VERSION } from '../version.js';
import { readHostFile, removeHostFile, writeHostFile } from './host-file.js';
import { loadToken, readLastPort, writeLastPort } from './host-identity.js';
import { lockDataDir, type HostLock } from './host-lock.js';
import { startHost, type HostOptions, type RunningHost } from './host-server.js';

export interface ServeOptions {
  dataDir: string;
  /** Undefined: the port of the last start when it is free, else a random one. 0: a random one. */
  port?: number;
  host?: string;
  allowRemote?: boolean;
  env?: NodeJS.ProcessEnv;
  /** The desktop app's keychain, sealing profile secrets at rest. */
  secretBox?: SecretBox;
}

export interface Serving {
  manager: SessionManager;
  host: RunningHost;
  /** Things the user should know about this start (the last port was taken). */
  notices: string[];
  stop(): Promise<void>;
}

function rendererDir(): string | undefined {
  const dir = path.join(packageRoot(), 'dist', 'renderer');
  return existsSync(path.join(dir, 'index.html')) ? dir : undefined;
}

async function alreadyServing(dataDir: string): Promise<string> {
  const other = await readHostFile(dataDir);
  return other
    ? `a Flotilla host (pid ${other.pid}) already serves ${dataDir} at ${other.url.replace(/\?.*/, '')}`
    : `another Flotilla host already serves ${dataDir} (it is still starting)`;
}

/**
 * Engine + host for one data dir. One host per data dir: a second one would fight over the same
 * sessions, so it is refused while the first holds the data dir's lock (see lockDataDir).
 */
export async function serve(options: ServeOptions): Promise<Serving> {
  const dataDir = path.resolve(options.dataDir);
  await secureDataDir(dataDir);
  const lock = await lockDataDir(dataDir);
  if (!lock) throw new Error(await alreadyServing(dataDir));
  try {
    return await serveLocked({ ...options, dataDir }, lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function serveLocked(options: ServeOptions, lock: HostLock): Promise<Serving> {
  const { dataDir } = options;
  // A session the engine starts at once (recovered from the queue) waits for the host's address below.
  const manager = await SessionManager.open({
    dataDir,
    env: options.env,
    secretBox: options.secretBox,
    awaitHost: true,
  });
  const startedAt = new Date().toISOString();
  const notices: string[] = [];
  let host: RunningHost;
  try {
    // The same token and port as last time, so a dashboard tab left open reconnects by itself.
    const token = await loadToken(dataDir);
    const hostOptions: HostOptions = {
      manager,
      handlers: engineHandlers(manager, { version: VERSION, startedAt }),
      host: options.host,
      allowRemote: options.allowRemote,
      staticDir: rendererDir(),
      token,
    };
    host = await listen(
      hostOptions,
      options.port ?? (await readLastPort(dataDir)),
      options.port === undefined,
      notices,
    );
    // Agents launched from now on reach this host (FLOTILLA_URL, a session credential, `flotilla` on PATH).
    await manager.attachHost({ url: agentUrl(host), key: token });
    await writeLastPort(dataDir, host.port);
    await writeHostFile(dataDir, {
      port: host.port,
      host: host.host,
      token,
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
    notices,
    stop: () =>
      (stopping ??= (async () => {
        await host.close();
        await manager.close();
        await removeHostFile(dataDir);
        lock.release();
      })()),
  };
}

/**
 * The address agents connect to. A host bound to every interface (--allow-remote 0.0.0.0) is still reached
 * over loopback from its own machine, where its agents run.
 */
export function agentUrl(host: RunningHost): string {
  const name = host.host === '0.0.0.0' ? '127.0.0.1' : host.host === '::' ? '::1' : host.host;
  return `ws://${name.includes(':') ? `[${name}]` : name}:${host.port}/ws`;
}

/** On `port`; a remembered port that is now taken gives way to a random one, with a notice. */
async function listen(options: HostOptions, port: number | undefined, remembered: boolean, notices: string[]) {
  try {
    return await startHost({ ...options, port: port ?? 0 });
  } catch (error) {
    if (!remembered || !port || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    const host = await startHost({ ...options, port: 0 });
    notices.push(
      `port ${port}, used last time, is taken; serving on ${host.port} instead (tabs open on the old address will not reconnect)`,
    );
    return host;
  }
}
