import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempRepo, type TempRepo } from '../test-support/temp-repo.js';
import { openTestManager, type TestManager } from '../test-support/test-manager.js';
import { waitForStatus } from '../test-support/wait-for.js';

let temp: TempRepo;
let tm: TestManager;

beforeEach(async () => {
  temp = createTempRepo();
  tm = await openTestManager(temp.dataDir);
});

afterEach(async () => {
  try {
    expect(await tm.close(), 'agent processes outlived the manager').toEqual([]);
  } finally {
    await temp.cleanup();
  }
});

describe('archive', () => {
  it('archives an ended session, keeps its screen, and survives reopening the engine', async () => {
    const [session] = await tm.manager.create({ repoPath: temp.repo, prompt: 'archive me' });
    await waitForStatus(tm.manager, session!.id, 'waiting');
    await tm.manager.kill([session!.id]);
    await waitForStatus(tm.manager, session!.id, 'cancelled');
    expect(tm.manager.get(session!.id).archivedAt).toBeNull();

    const archived = tm.manager.archive(session!.id, true);
    expect(archived.archivedAt).toEqual(expect.any(String));
    expect(tm.events.at(-1)).toMatchObject({
      name: 'session.updated',
      payload: { session: { archivedAt: archived.archivedAt } },
    });
    expect((await tm.manager.screen(session!.id)).text).not.toBe('');
    expect(tm.manager.history(session!.id).at(-1)).toMatchObject({ kind: 'archived' });

    await tm.close();
    tm = await openTestManager(temp.dataDir);
    expect(tm.manager.get(session!.id)).toMatchObject({ status: 'cancelled', archivedAt: archived.archivedAt });

    expect(tm.manager.archive(session!.id, false).archivedAt).toBeNull();
    expect(tm.manager.get(session!.id).archivedAt).toBeNull();
  });

  it('refuses a live session with INVALID_STATE and leaves it in the grid', async () => {
    const [session] = await tm.manager.create({ repoPath: temp.repo, prompt: 'keep me' });
    await waitForStatus(tm.manager, session!.id, 'waiting');
    expect(() => tm.manager.archive(session!.id, true)).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
    expect(tm.manager.get(session!.id).archivedAt).toBeNull();
  });
});
