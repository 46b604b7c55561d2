import { describe, expect, it } from 'vitest';
import type { Session } from '../../../shared/session.js';
import type { FlotillaApi } from '../api/flotilla-api.js';
import { usePreviewStore } from '../stores/preview-store.js';
import { useSessionsStore } from '../stores/sessions-store.js';
import { PreviewPoller } from './preview-poller.js';

function session(id: string, status: Session['status']): Session {
  const at = '2026-01-01T00:00:00.000Z';
  return {
    ...{ id, name: id, provider: 'demo', prompt: '', status, repoPath: '/r', baseBranch: 'main', branch: `b/${id}` },
    ...{ worktreePath: `/w/${id}`, pid: null, conversationId: null, autoYes: false, exitCode: null, error: null },
    ...{ question: null, createdAt: at, updatedAt: at, lastActivityAt: at, archivedAt: null },
  };
}

describe('PreviewPoller', () => {
  it('asks once for every card that appears together, then only for moving or changed sessions', async () => {
    const asked: string[][] = [];
    const api = {
      state: 'open',
      invoke: async (_method: string, { ids }: { ids: string[] }) => {
        asked.push(ids);
        return { previews: ids.map((id) => ({ id, text: `screen of ${id}` })) };
      },
    } as unknown as FlotillaApi;
    useSessionsStore
      .getState()
      .replaceAll([session('run', 'running'), session('done', 'completed'), session('off', 'paused')]);
    const poller = new PreviewPoller(api);
    poller.show('run');
    poller.show('done');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(asked).toEqual([['run', 'done']]);
    expect(usePreviewStore.getState().texts.done).toBe('screen of done');

    await poller.tick();
    expect(asked.at(-1)).toEqual(['run']); // a finished session's screen does not move
    useSessionsStore.getState().upsert({ ...session('done', 'completed'), updatedAt: '2026-01-02T00:00:00.000Z' });
    poller.hide('run');
    await poller.tick();
    expect(asked.at(-1)).toEqual(['done']); // changed since its last preview
  });
});
