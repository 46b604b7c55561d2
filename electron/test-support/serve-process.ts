import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { packageRoot } from '../package-root.js';
import { testEnv } from './test-manager.js';

export const FLOTILLA_BIN = path.join(packageRoot(), 'bin', 'flotilla.js');

/** A real `flotilla serve` process (the build in dist/), as a user starts it. */
export interface ServeProcess {
  child: ChildProcess;
  /** 'serving' once it printed its URL, 'exited' if it ended first (refused or crashed). */
  settled: Promise<'serving' | 'exited'>;
  stdout(): string;
  stderr(): string;
  alive(): boolean;
  /** SIGTERM (or the given signal); resolves once the process is gone (SIGKILL after 10 s). */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function startServeProcess(
  dataDir: string,
  args: string[] = [],
  env: NodeJS.ProcessEnv = testEnv(),
): ServeProcess {
  const child = spawn(process.execPath, [FLOTILLA_BIN, 'serve', '--data-dir', dataDir, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const settled = new Promise<'serving' | 'exited'>((resolve) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (/^CLI: /m.test(out)) resolve('serving');
    });
    void exited.then(() => resolve('exited'));
  });
  return {
    child,
    settled,
    stdout: () => out,
    stderr: () => err,
    alive,
    stop: async (signal = 'SIGTERM') => {
      if (alive()) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
