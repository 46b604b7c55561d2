import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnyEvent } from '../../../shared/contract.js';
import type { SessionDiffStats } from '../../../shared/git.js';
import type { Session } from '../../../shared/session.js';
import { commitFile, gitSync } from '../../git/fixtures/make-repo.js';
import { useTestSession } from '../../git/fixtures/make-session.js';
import { DiffService } from './diff-service.js';
import { EventHub } from '../event-hub.js';

// What the cards learn about a session's base branch from the stats the diff service sends: moved,
// deleted or renamed, or checked out dirty where a merge would have to update it.

const s = useTestSession();
let sent: SessionDiffStats[];
let service: DiffService;
const session = () => ({ id: 's1', status: 'idle', worktreePath: s.worktree, baseBranch: 'main' }) as Session;

beforeEach(async () => {
  const hub = new EventHub();
  sent = [];
  hub.subscribe((e: AnyEvent) => e.name === 'session.diff' && sent.push(e.payload as SessionDiffStats));
  service = new DiffService(
    { events: hub, get: () => session(), subscribe: (listener) => hub.subscribe(listener) },
    { watch: false },
  );
  s.write('work.txt', 'the agent wrote this\n');
});

afterEach(async () => {
  service.close();
});

const lastSent = () => sent.at(-1);

describe('base branch status on the session stats', () => {
  it('reports a base branch deleted or renamed outside the app on the stats, not only as an error', async () => {
    await service.diff('s1');
    gitSync(s.dir, ['branch', '-m', 'main', 'trunk']);
    await expect(service.diff('s1')).rejects.toMatchObject({ code: 'UNKNOWN_BASE' });
    expect(lastSent()).toMatchObject({
      stats: { changedFiles: 0, baseStatus: { branch: 'main', missing: true, dirtyCheckout: null } },
      error: expect.stringContaining('"main" no longer exists'),
    });
    expect(service.statsAll([session()])).toEqual([lastSent()]);

    gitSync(s.dir, ['branch', '-m', 'trunk', 'main']);
    await service.diff('s1');
    expect(lastSent()).toMatchObject({ stats: { changedFiles: 1, baseStatus: { missing: false } }, error: null });
  });

  it('counts the commits the base moved ahead by', async () => {
    commitFile(s.dir, 'theirs.txt', 'y\n');
    commitFile(s.dir, 'more.txt', 'z\n');
    await service.diff('s1');
    expect(lastSent()?.stats).toMatchObject({ behind: 2, changedFiles: 1 });
  });

  it('names the dirty checkout of the base, which would refuse a merge, until it is clean', async () => {
    writeFileSync(path.join(s.dir, 'README.md'), 'the user is editing\n');
    await service.diff('s1');
    expect(lastSent()?.stats?.baseStatus).toEqual({
      branch: 'main',
      missing: false,
      dirtyCheckout: { path: s.dir, changedFiles: 1 },
    });
    expect(service.statsAll([session()])[0]?.stats?.baseStatus?.dirtyCheckout?.path).toBe(s.dir);

    gitSync(s.dir, ['checkout', '--quiet', '--', 'README.md']);
    await service.diff('s1');
    expect(lastSent()?.stats?.baseStatus?.dirtyCheckout).toBeNull();
  });
});
