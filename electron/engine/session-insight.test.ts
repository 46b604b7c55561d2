import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempRepo, type TempRepo } from '../test-support/temp-repo.js';
import { openTestManager, type TestManager } from '../test-support/test-manager.js';
import { waitForStatus } from '../test-support/wait-for.js';
import { sessionPreviews, sessionStats } from './session-insight.js';

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

describe('session insight', () => {
  it('previews live and ended sessions as plain text, skipping unknown ids', async () => {
    const [live, ended] = await tm.manager.create({ repoPath: temp.repo, prompt: 'add notes', count: 2 });
    if (!live || !ended) throw new Error('no sessions');
    await waitForStatus(tm.manager, live.id, 'waiting');
    await waitForStatus(tm.manager, ended.id, 'waiting');
    await tm.manager.kill([ended.id]);
    const previews = await sessionPreviews(tm.manager, [live.id, 'nope', ended.id]);
    expect(previews.map((p) => p.id)).toEqual([live.id, ended.id]);
    for (const p of previews) expect(p.text).toContain('Do you want to create add-notes.txt?');
    expect(previews[0]?.text).not.toContain('\x1b');
  });

  it('measures the agent process tree from /proc', async () => {
    const [session] = await tm.manager.create({ repoPath: temp.repo, prompt: 'measure me' });
    if (!session) throw new Error('no session');
    const running = await waitForStatus(tm.manager, session.id, 'waiting');
    const stats = await sessionStats(tm.manager, session.id);
    expect(stats.pid).toBe(running.pid);
    expect(stats.processes).toBeGreaterThanOrEqual(1);
    expect(stats.rssBytes).toBeGreaterThan(1024 * 1024);
    expect(stats.cpuSeconds).toBeGreaterThanOrEqual(0);
    await tm.manager.kill([session.id]);
    expect((await sessionStats(tm.manager, session.id)).processes).toBe(0);
  });
});
