import { afterEach, beforeEach, expect } from 'vitest';
import type { ProviderRegistry } from '../providers/registry.js';
import { createTempRepo, type TempRepo } from './temp-repo.js';
import { openTestManager, type TestManager } from './test-manager.js';

export interface EngineFixture {
  temp: TempRepo;
  /** The engine under test; a test that restarts it assigns the new one here, and that one is closed. */
  tm: TestManager;
}

/**
 * A fresh temp repo and engine for each test of the file. After each test the engine is closed, no agent
 * process may outlive it (the test fails, naming them), and the repo is removed. `providers` replaces the
 * engine's default registry.
 */
export function useTestEngine(providers?: ProviderRegistry): EngineFixture {
  const fixture = {} as EngineFixture;
  beforeEach(async () => {
    fixture.temp = createTempRepo();
    fixture.tm = await openTestManager(fixture.temp.dataDir, providers);
  });
  afterEach(async () => {
    try {
      expect(await fixture.tm.close(), 'agent processes outlived the manager').toEqual([]);
    } finally {
      await fixture.temp.cleanup();
    }
  });
  return fixture;
}
