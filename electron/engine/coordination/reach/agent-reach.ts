import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { packageRoot } from '../../../package-root.js';
import { AgentCredentials } from '../agent-credentials.js';
import { shellQuote } from '../../hooks/session-hooks.js';

/** How long a launch waits for an expected host before it starts without one. */
const HOST_WAIT_MS = 15_000;

/** Where the host listens, told to the engine once it does (serve()). */
export interface HostAddress {
  /** The WebSocket URL agents connect to: ws://127.0.0.1:PORT/ws. */
  url: string;
  /** The key session credentials are made with: the host's token. */
  key: string;
}

/** What one launch of an agent adds to its environment to reach the host. */
export interface ReachEnv {
  env: Record<string, string>;
  /** Put first on the agent's PATH: it holds the `flotilla` launcher. */
  binDir: string;
}

/**
 * The CLI agents run. In the packaged app it stays inside app.asar, beside the dist/ it imports: the launcher
 * runs it with Electron's binary as Node (ELECTRON_RUN_AS_NODE=1), which reads the archive.
 */
export function flotillaCli(root = packageRoot()): string {
  return path.join(root, 'bin', 'flotilla.js');
}

/**
 * The `flotilla` launcher: this process's Node (in the desktop app Electron's binary, which runs a script as
 * plain Node only with ELECTRON_RUN_AS_NODE=1, set here for the CLI alone) running this build's CLI, so an
 * agent's `flotilla` always speaks the host's own contract whatever else is on the user's PATH.
 */
export function launcherScript(
  cli = flotillaCli(),
  node = process.execPath,
  electron = Boolean(process.versions.electron),
): string {
  const prefix = electron ? 'ELECTRON_RUN_AS_NODE=1 ' : '';
  return [
    '#!/bin/sh',
    '# Written by the Flotilla host at each start: the `flotilla` command of the agents it runs.',
    `${prefix}exec ${shellQuote(node)} ${shellQuote(cli)} "$@"`,
    '',
  ].join('\n');
}

/**
 * How agents reach the host: after the host listens (attach), each launch gets the host's URL, a credential
 * scoped to its session and `<dataDir>/bin` (holding `flotilla`) first on its PATH. Before that (an engine
 * without a host, as in tests) agents get none of it.
 */
export class AgentReach {
  private address: HostAddress | undefined;
  private credentials: AgentCredentials | undefined;
  /** Set while a host is expected: launches wait for it (see expectHost). */
  private hostComing: { promise: Promise<void>; resolve(): void } | undefined;

  constructor(private readonly dataDir: string) {}

  get binDir(): string {
    return path.join(this.dataDir, 'bin');
  }

  /** Writes the launcher (atomically, 0755: an agent starting meanwhile sees the old one or the new one). */
  async attach(address: HostAddress): Promise<void> {
    await mkdir(this.binDir, { recursive: true, mode: 0o700 });
    const file = path.join(this.binDir, 'flotilla');
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(tmp, launcherScript(), { mode: 0o755 });
      await rename(tmp, file);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
    this.credentials = new AgentCredentials(address.key);
    this.address = address;
    this.hostComing?.resolve();
    this.hostComing = undefined;
  }

  /**
   * A host will attach soon (serve() opens the engine, then listens): until it does, or HOST_WAIT_MS pass,
   * launches wait, so a session the engine starts at once (recovered from the queue) still gets its reach.
   */
  expectHost(): void {
    if (this.address || this.hostComing) return;
    let resolve = () => undefined as void;
    const promise = new Promise<void>((done) => (resolve = done));
    this.hostComing = { promise, resolve };
    setTimeout(() => this.hostComing?.resolve(), HOST_WAIT_MS).unref();
  }

  /** The engine is closing: launches stop waiting for a host. */
  close(): void {
    this.hostComing?.resolve();
    this.hostComing = undefined;
  }

  /** The session a credential names, if it is genuine (whether the session exists is the caller's check). */
  verify(credential: string | undefined): string | undefined {
    return this.credentials?.verify(credential);
  }

  /** The variables of one launch; null without a host (none attached, or the one expected never came). */
  async envFor(sessionId: string): Promise<ReachEnv | null> {
    if (this.hostComing) await this.hostComing.promise;
    if (!this.address || !this.credentials) return null;
    return {
      env: { FLOTILLA_URL: this.address.url, FLOTILLA_TOKEN: this.credentials.issue(sessionId) },
      binDir: this.binDir,
    };
  }
}
