import { describe, expect, it } from 'vitest';
import { waitForStatus } from '../../test-support/wait-for.js';
import { useTestEngine } from '../../test-support/test-engine.js';

const engine = useTestEngine();

describe('session insight', () => {
  it('previews live and ended sessions as plain text, skipping unknown ids', async () => {
    const [live, ended] = await engine.tm.manager.create({ repoPath: engine.temp.repo, prompt: 'add notes', count: 2 });
    if (!live || !ended) throw new Error('no sessions');
    await waitForStatus(engine.tm.manager, live.id, 'waiting');
    await waitForStatus(engine.tm.manager, ended.id, 'waiting');
    await engine.tm.manager.kill([ended.id]);
    const previews = await engine.tm.manager.previews([live.id, 'nope', ended.id]);
    expect(previews.map((p) => p.id)).toEqual([live.id, ended.id]);
    for (const p of previews) expect(p.text).toContain('Do you want to create add-notes.txt?');
    expect(previews[0]?.text).not.toContain('\x1b');
  });

  it('measures the agent process tree from /proc', async () => {
    const [session] = await engine.tm.manager.create({ repoPath: engine.temp.repo, prompt: 'measure me' });
    if (!session) throw new Error('no session');
    const running = await waitForStatus(engine.tm.manager, session.id, 'waiting');
    const stats = await engine.tm.manager.stats(session.id);
    expect(stats.pid).toBe(running.pid);
    expect(stats.processes).toBeGreaterThanOrEqual(1);
    expect(stats.rssBytes).toBeGreaterThan(1024 * 1024);
    expect(stats.cpuSeconds).toBeGreaterThanOrEqual(0);
    await engine.tm.manager.kill([session.id]);
    expect((await engine.tm.manager.stats(session.id)).processes).toBe(0);
  });
});
