import type { ChildProcess } from 'node:child_process';
import { afterEach, beforeEach, expect } from 'vitest';
import type { Session } from '../../shared/session.js';
import { flotillaOk, startCliHost, stopCliHost } from './cli-host.js';
import { killSessionProcesses, sessionProcesses } from './process-probe.js';
import { createTempRepo, type TempRepo } from './temp-repo.js';
import { TEST_BUSY_MS } from './test-manager.js';

export interface CliFixture {
  temp: TempRepo;
  /** Sessions the test made: after it, none may still have a process (the test fails, naming them). */
  seen: Set<string>;
  /** The host started last, stopped after the test. */
  host: ChildProcess | undefined;
  /** What the CLI and its host run with: FLOTILLA_HOME in the temp repo's data dir, the demo agent's test pace. */
  env(): NodeJS.ProcessEnv;
  /** Starts `flotilla serve` (done before each test unless `startHost: false`). */
  startHost(): Promise<ChildProcess>;
  /** `flotilla new` of an auto-yes session named `name` (seen by the fixture), once it is idle: its id. */
  idleSession(name: string, provider?: string): Promise<string>;
  /** `flotilla new` of a demo session named and prompted `name` (seen by the fixture), once it asks its question. */
  waitingSession(name: string): Promise<Session>;
}

/**
 * A fresh temp repo for each test of a CLI test file, and a host serving it. After each test the host is
 * stopped, no session the test saw may have a process left, and the repo is removed.
 */
export function useCliHost(options: { startHost?: boolean } = {}): CliFixture {
  const fixture = { seen: new Set<string>(), host: undefined } as CliFixture;
  fixture.env = () => ({ ...process.env, FLOTILLA_HOME: fixture.temp.dataDir, FLOTILLA_DEMO_BUSY_MS: TEST_BUSY_MS });
  fixture.startHost = async () => {
    fixture.host = await startCliHost(fixture.env());
    return fixture.host;
  };
  fixture.idleSession = async (name, provider = 'demo') => {
    const run = (...args: string[]) => flotillaOk(args, fixture.env());
    const [session] = JSON.parse(
      await run('new', '--repo', fixture.temp.repo, '--provider', provider, '--name', name, '--auto-yes', '--json'),
    ) as Session[];
    fixture.seen.add(session!.id);
    await run('wait', session!.id, '--status', 'idle', '--timeout', '20');
    return session!.id;
  };
  fixture.waitingSession = async (name) => {
    const run = (...args: string[]) => flotillaOk(args, fixture.env());
    const [session] = JSON.parse(
      await run('new', '--repo', fixture.temp.repo, '--provider', 'demo', '--name', name, '--prompt', name, '--json'),
    ) as Session[];
    fixture.seen.add(session!.id);
    await run('wait', session!.id, '--status', 'waiting', '--timeout', '20');
    return session!;
  };
  beforeEach(async () => {
    fixture.temp = createTempRepo();
    fixture.seen.clear();
    if (options.startHost !== false) await fixture.startHost();
  });
  afterEach(async () => {
    await stopCliHost(fixture.host);
    fixture.host = undefined;
    const leaked = sessionProcesses(fixture.seen);
    killSessionProcesses(fixture.seen);
    await fixture.temp.cleanup();
    expect(leaked).toEqual([]);
  });
  return fixture;
}
