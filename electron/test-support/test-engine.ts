import { afterEach, beforeEach, expect } from 'vitest';
import type { ProviderRegistry } from '../providers/registry.js';
import { killSessionProcesses, type ProcInfo } from './process-probe.js';
import { createTempRepo, type TempRepo } from './temp-repo.js';
import { openTestManager, type TestManager } from './test-manager.js';

export interface EngineFixture {
  temp: TempRepo;
  /** The engine under test (undefined in a lazy fixture until the test calls open()). */
  tm: TestManager;
  /** Opens the engine on `dataDir` (default: the temp repo's) with the fixture's providers; it becomes `tm`. */
  open(dataDir?: string): Promise<TestManager>;
  /** Closes `tm`, failing the test if an agent process outlived it. */
  close(): Promise<void>;
  /** A host restart: close() (no agent may outlive it), then open() on the temp repo's data dir. */
  reopen(): Promise<TestManager>;
  /** Sessions started by a host process of the test's own: their agents are ended after the engine closes. */
  hostSessionIds: Set<string>;
}

export interface TestEngineOptions {
  /** Replaces the engine's default provider registry. */
  providers?: ProviderRegistry;
  /** Leave the engine closed until the test calls open(), e.g. after a host process of its own used the data dir. */
  lazy?: boolean;
  /** Runs after the engine is closed and before the temp repo is removed: ends what the test itself started. */
  afterClose?: () => void | Promise<void>;
}

/**
 * A fresh temp repo and engine for each test of the file. After each test the engine is closed, no agent
 * process may outlive it (the test fails, naming them), and the repo is removed.
 */
export function useTestEngine({ providers, lazy, afterClose }: TestEngineOptions = {}): EngineFixture {
  const fixture: EngineFixture = {
    temp: undefined as unknown as TempRepo,
    tm: undefined as unknown as TestManager,
    async open(dataDir = fixture.temp.dataDir) {
      fixture.tm = await openTestManager(dataDir, providers);
      return fixture.tm;
    },
    async close() {
      expect(await fixture.tm.close(), 'agent processes outlived the manager').toEqual([]);
    },
    async reopen() {
      await fixture.close();
      return fixture.open();
    },
    hostSessionIds: new Set(),
  };
  beforeEach(async () => {
    fixture.temp = createTempRepo();
    fixture.tm = undefined as unknown as TestManager;
    if (!lazy) await fixture.open();
  });
  afterEach(async () => {
    let leaked: ProcInfo[] = [];
    try {
      // Closing twice is harmless: a test's own close() is checked again.
      if (fixture.tm) leaked = await fixture.tm.close();
    } finally {
      try {
        killSessionProcesses(fixture.hostSessionIds);
        fixture.hostSessionIds.clear();
        await afterClose?.();
      } finally {
        await fixture.temp.cleanup();
      }
    }
    expect(leaked, 'agent processes outlived the manager').toEqual([]);
  });
  return fixture;
}
