import { describe, expect, it } from 'vitest';
import { waitForStatus } from '../../test-support/wait-for.js';
import { useTestEngine } from '../../test-support/test-engine.js';

const engine = useTestEngine();

describe('archive', () => {
  it('archives an ended session, keeps its screen, and survives reopening the engine', async () => {
    const [session] = await engine.tm.manager.create({ repoPath: engine.temp.repo, prompt: 'archive me' });
    await waitForStatus(engine.tm.manager, session!.id, 'waiting');
    await engine.tm.manager.kill([session!.id]);
    await waitForStatus(engine.tm.manager, session!.id, 'cancelled');
    expect(engine.tm.manager.get(session!.id).archivedAt).toBeNull();

    const archived = engine.tm.manager.archive(session!.id, true);
    expect(archived.archivedAt).toEqual(expect.any(String));
    expect(engine.tm.events.at(-1)).toMatchObject({
      name: 'session.updated',
      payload: { session: { archivedAt: archived.archivedAt } },
    });
    expect((await engine.tm.manager.screen(session!.id)).text).not.toBe('');
    expect(engine.tm.manager.history(session!.id).at(-1)).toMatchObject({ kind: 'archived' });

    await engine.reopen();
    expect(engine.tm.manager.get(session!.id)).toMatchObject({ status: 'cancelled', archivedAt: archived.archivedAt });

    expect(engine.tm.manager.archive(session!.id, false).archivedAt).toBeNull();
    expect(engine.tm.manager.get(session!.id).archivedAt).toBeNull();
  });

  it('refuses a live session with INVALID_STATE and leaves it in the grid', async () => {
    const [session] = await engine.tm.manager.create({ repoPath: engine.temp.repo, prompt: 'keep me' });
    await waitForStatus(engine.tm.manager, session!.id, 'waiting');
    expect(() => engine.tm.manager.archive(session!.id, true)).toThrow(
      expect.objectContaining({ code: 'INVALID_STATE' }),
    );
    expect(engine.tm.manager.get(session!.id).archivedAt).toBeNull();
  });
});
