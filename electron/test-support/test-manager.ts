import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AnyEvent } from '../../shared/contract.js';
import { SessionManager } from '../engine/session-manager.js';
import type { ProviderRegistry } from '../providers/registry.js';
import { killSessionProcesses, sessionProcesses, type ProcInfo } from './process-probe.js';

/** Fast settings for tests: the demo agent is busy 200 ms, a session is idle after 300 ms of quiet. */
export const TEST_BUSY_MS = '200';
export const TEST_SETTINGS = { idleQuietMs: 300, killGraceMs: 1000 };

export interface TestManager {
  manager: SessionManager;
  /** Every engine event except terminal output, in order. */
  events: AnyEvent[];
  /** Ids of every session this manager created. */
  sessionIds: Set<string>;
  /** Closes the manager and returns any agent process that outlived it (after killing it). */
  close(): Promise<ProcInfo[]>;
}

/**
 * A neutral HOME for agents started by tests: an interactive shell must not run the machine's own
 * start-up files (seen here: .bashrc running `pyenv rehash`, which waits on a lock under parallel tests).
 */
const TEST_HOME = path.join(os.tmpdir(), 'flotilla-test-home');
mkdirSync(TEST_HOME, { recursive: true });

export function testEnv(): NodeJS.ProcessEnv {
  const { BASH_ENV: _bashEnv, ENV: _env, ...env } = process.env;
  return { ...env, HOME: TEST_HOME, FLOTILLA_DEMO_BUSY_MS: TEST_BUSY_MS };
}

export async function openTestManager(dataDir: string, providers?: ProviderRegistry): Promise<TestManager> {
  const manager = await SessionManager.open({ dataDir, env: testEnv(), ...(providers ? { providers } : {}) });
  manager.updateSettings(TEST_SETTINGS);
  const events: AnyEvent[] = [];
  const sessionIds = new Set<string>(manager.list().map((s) => s.id));
  manager.subscribe((event) => {
    if (event.name === 'session.output') return;
    events.push(event);
    if (event.name === 'session.created') sessionIds.add(event.payload.session.id);
  });
  let closed = false;
  return {
    manager,
    events,
    sessionIds,
    async close() {
      let leaked: ProcInfo[] = [];
      try {
        if (!closed) {
          closed = true;
          await manager.close();
        }
      } finally {
        leaked = sessionProcesses(sessionIds);
        killSessionProcesses(sessionIds);
      }
      return leaked;
    },
  };
}
