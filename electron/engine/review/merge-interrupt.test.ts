import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../shared/session.js';
import { runFlotilla, type CliRun } from '../../test-support/cli-host.js';
import { waitForCheckoutUpdate } from '../../test-support/git-children.js';
import { isAlive, killSessionProcesses, type ProcInfo } from '../../test-support/process-probe.js';
import { FLOTILLA_BIN } from '../../test-support/serve-process.js';
import { gitSync, useTempRepo } from '../../test-support/temp-repo.js';
import { TEST_BUSY_MS } from '../../test-support/test-manager.js';
import { waitFor } from '../../test-support/wait-for.js';

// `flotilla serve` in a process group of its own, as in a terminal, interrupted while a squash-merge
// updates the user's checkout (3,000 files, so `git read-tree -u` takes a while): Ctrl-C (SIGINT to the
// group) or SIGKILL. The checkout ends merged and clean or untouched, and no stale index.lock is left.

const FILES = 3000;

const temp = useTempRepo();
const hosts: ChildProcess[] = [];
const ids = new Set<string>();

const env = () => ({ ...process.env, FLOTILLA_HOME: temp.dataDir, FLOTILLA_DEMO_BUSY_MS: TEST_BUSY_MS });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const lock = () => path.join(temp.repo, '.git', 'index.lock');

const flotilla = (...args: string[]): Promise<CliRun> => runFlotilla(args, env(), 60_000);

/** `flotilla serve` as a terminal runs it: the leader of its own process group. */
async function serve(): Promise<ChildProcess> {
  const child = spawn(process.execPath, [FLOTILLA_BIN, 'serve', '--port', '0'], {
    env: env(),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  hosts.push(child);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  await waitFor(() => /token=/.test(out) || child.exitCode !== null, { what: 'the host URL', timeoutMs: 20_000 });
  return child;
}

function exited(child: ChildProcess, ms: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host ${child.pid} still running after ${ms} ms`)), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** A session whose branch adds FILES files, committed. */
async function bigSession(): Promise<Session> {
  const created = await flotilla('new', '--repo', temp.repo, '--prompt', 'big change', '--json');
  expect(created.code, created.stderr).toBe(0);
  const [session] = JSON.parse(created.stdout) as Session[];
  ids.add(session!.id);
  mkdirSync(path.join(session!.worktreePath, 'big'));
  for (let i = 0; i < FILES; i++) writeFileSync(path.join(session!.worktreePath, 'big', `f${i}.txt`), `${i}\n`);
  gitSync(session!.worktreePath, ['add', 'big']);
  gitSync(session!.worktreePath, ['commit', '--quiet', '-m', 'big change']);
  return session!;
}

/** The user's checkout holds what its branch says, nothing staged or modified. Returns whether it has the merge. */
function expectConsistent(previous: string): boolean {
  expect(existsSync(lock()), 'a stale index.lock').toBe(false);
  expect(gitSync(temp.repo, ['status', '--porcelain'])).toBe('');
  const main = gitSync(temp.repo, ['rev-parse', 'main']);
  expect(gitSync(temp.repo, ['rev-parse', 'HEAD'])).toBe(main);
  const merged = main !== previous;
  if (merged) expect(readdirSync(path.join(temp.repo, 'big'))).toHaveLength(FILES);
  else expect(existsSync(path.join(temp.repo, 'big'))).toBe(false);
  return merged;
}

interface MergeUnderWay {
  host: ChildProcess;
  session: Session;
  /** main before the merge. */
  previous: string;
  merging: Promise<CliRun>;
  /** The git updating the user's checkout, caught while it runs. */
  update: ProcInfo;
}

/** A host, a big session and `flotilla merge` on it, once git is updating the user's checkout. */
async function mergeUnderWay(): Promise<MergeUnderWay> {
  const host = await serve();
  const session = await bigSession();
  const previous = gitSync(temp.repo, ['rev-parse', 'main']);
  const merging = flotilla('merge', session.id, '-m', 'Big');
  const update = await waitForCheckoutUpdate(host.pid!, 90_000);
  return { host, session, previous, merging, update };
}

/**
 * Resolves once the checkout update has begun writing files, so a signal sent now lands mid-way (a fixed
 * delay after catching the git let a fast read-tree finish first in CI).
 */
async function checkoutBegun(): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!existsSync(path.join(temp.repo, 'big')) && Date.now() < deadline) await sleep(1);
}

/** After a crash: a new host creates a session, the checkout is merged and clean; returns `flotilla show` of the merged session. */
async function restartAndShow(previous: string, sessionId: string): Promise<string> {
  await serve();
  const created = await flotilla('new', '--repo', temp.repo, '--prompt', 'after the crash', '--json');
  expect(created.code, created.stderr).toBe(0);
  ids.add((JSON.parse(created.stdout) as Session[])[0]!.id);
  expect(expectConsistent(previous)).toBe(true);
  return (await flotilla('show', sessionId)).stdout;
}

afterEach(async () => {
  for (const host of hosts.splice(0)) {
    if (host.exitCode === null && host.signalCode === null) {
      host.kill('SIGKILL');
      await exited(host, 10_000).catch(() => undefined);
    }
  }
  killSessionProcesses(ids);
  ids.clear();
});

describe('a squash-merge interrupted on the host', () => {
  it(
    'Ctrl-C (SIGINT to the host group) mid-merge: git is not hit, the merge ends merged and clean',
    { timeout: 180_000 },
    async () => {
      const { host, previous, merging, update } = await mergeUnderWay();
      // Its own process group: a terminal's Ctrl-C does not reach it.
      expect(update.pgid).not.toBe(host.pid);
      await checkoutBegun();
      process.kill(-host.pid!, 'SIGINT');
      await exited(host, 60_000);
      await merging;
      expect(isAlive(update.pid, update.startTime)).toBe(false);
      expect(expectConsistent(previous)).toBe(true);
    },
  );

  it(
    'SIGKILL of the host group mid-merge, then a restart: no stale lock blocks a create',
    { timeout: 180_000 },
    async () => {
      const { host, session, previous, update } = await mergeUnderWay();
      await checkoutBegun();
      process.kill(-host.pid!, 'SIGKILL');
      await exited(host, 10_000);
      // The git, in its own group, finishes the checkout on its own (bounded).
      await waitFor(() => !isAlive(update.pid, update.startTime), { what: 'read-tree to finish', timeoutMs: 60_000 });

      expect(await restartAndShow(previous, session.id)).toMatch(
        /git-recovered .*squash-merge into main was interrupted.*the merge is complete/,
      );
    },
  );

  it(
    'the host and its git both SIGKILLed mid-merge: the next start removes our lock and completes the checkout',
    { timeout: 180_000 },
    async () => {
      const { host, session, previous, update } = await mergeUnderWay();
      await checkoutBegun();
      process.kill(-host.pid!, 'SIGKILL');
      process.kill(update.pid, 'SIGKILL');
      await exited(host, 10_000);
      await waitFor(() => !isAlive(update.pid, update.startTime), { what: 'read-tree to die', timeoutMs: 10_000 });
      expect(existsSync(lock()), 'the killed git left its lock').toBe(true);

      expect(await restartAndShow(previous, session.id)).toMatch(
        /git-recovered .*removed the .*index\.lock our interrupted git left; the merge is complete/,
      );
    },
  );
});
