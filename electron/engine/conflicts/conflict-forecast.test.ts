import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Session } from '../../../shared/session.js';
import { commitFile } from '../../git/fixtures/make-repo.js';
import { gitSync } from '../../test-support/temp-repo.js';
import { useTestEngine } from '../../test-support/test-engine.js';
import { waitForEvents, waitForStatus } from '../../test-support/wait-for.js';

// The conflict forecast on a real repo and engine (demo agents waiting at their question, so they write
// nothing): the work is written into the session worktrees directly, committed or not.

const engine = useTestEngine();

async function session(name: string): Promise<Session> {
  const [created] = await engine.tm.manager.create({ repoPath: engine.temp.repo, prompt: name, name });
  await waitForStatus(engine.tm.manager, created!.id, 'waiting');
  return created!;
}

const forecaster = () => engine.tm.manager.reviewLoop.conflicts;

/** Waits until no forecast pass has run for `quietMs` (the diff events of the writes have been handled). */
async function settle(quietMs = 1500): Promise<void> {
  const deadline = Date.now() + 20_000;
  let passes = -1;
  while (passes !== forecaster().passes && Date.now() < deadline) {
    passes = forecaster().passes;
    await new Promise((resolve) => setTimeout(resolve, quietMs));
  }
}

describe('conflict forecast', () => {
  it('forecasts two sessions editing the same lines (one uncommitted) and leaves a third out, touching no index', async () => {
    const alpha = await session('alpha');
    const beta = await session('beta');
    const gamma = await session('gamma');
    commitFile(alpha.worktreePath, 'README.md', '# temp repo\nalpha was here\n', 'alpha');
    // Not committed: the forecast must see what the agent has now.
    writeFileSync(path.join(beta.worktreePath, 'README.md'), '# temp repo\nbeta was here\n');
    writeFileSync(path.join(gamma.worktreePath, 'gamma.txt'), 'gamma\n');
    const betaStatus = gitSync(beta.worktreePath, ['status', '--porcelain']);
    const userStatus = gitSync(engine.temp.repo, ['status', '--porcelain']);

    const forecast = await forecaster().list(engine.temp.repo);

    expect(forecast.pairs).toEqual([
      { repoPath: engine.temp.repo, a: alpha.id, b: beta.id, baseBranch: alpha.baseBranch, files: ['README.md'] },
    ]);
    expect(forecast.computedAt).not.toBeNull();
    expect(forecast.skipped).toEqual([]);
    // No index or checkout was touched: the untracked file is still untracked, the edit still unstaged.
    expect(gitSync(beta.worktreePath, ['status', '--porcelain'])).toBe(betaStatus);
    expect(gitSync(engine.temp.repo, ['status', '--porcelain'])).toBe(userStatus);
    expect((await forecaster().list('/elsewhere')).pairs).toEqual([]);
  });

  it('recomputes only after a diff changes, and says so with conflicts.changed', async () => {
    const alpha = await session('alpha');
    const beta = await session('beta');
    const gamma = await session('gamma');
    commitFile(alpha.worktreePath, 'README.md', '# temp repo\nalpha was here\n', 'alpha');
    writeFileSync(path.join(beta.worktreePath, 'beta.txt'), 'beta\n');
    writeFileSync(path.join(gamma.worktreePath, 'gamma.txt'), 'gamma\n');
    await forecaster().list();
    await settle();
    // Asked again with nothing changed: the three are snapshotted again, but no merge runs (all cached).
    const before = { ...forecaster().counter };
    await forecaster().list();
    expect(forecaster().counter.snapshots - before.snapshots).toBe(3);
    expect(forecaster().counter.mergeTrees).toBe(before.mergeTrees);
    // Nothing changes: nothing runs (no timer).
    const first = { ...forecaster().counter };
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(forecaster().counter).toEqual(first);

    // Gamma now edits alpha's line: its diff changes, a pass follows on its own and announces the conflict.
    writeFileSync(path.join(gamma.worktreePath, 'README.md'), '# temp repo\ngamma was here\n');
    const changed = await waitForEvents(
      engine.tm.manager,
      () =>
        engine.tm.events.find((e) => e.name === 'conflicts.changed' && e.payload.pairs.some((p) => p.b === gamma.id)),
      { what: 'conflicts.changed naming gamma', timeoutMs: 15_000 },
    );
    expect(changed.payload).toMatchObject({
      repoPath: engine.temp.repo,
      pairs: [{ a: alpha.id, b: gamma.id, files: ['README.md'] }],
    });
    // Only gamma was snapshotted again, and only its three merges ran (alpha-beta came from the cache).
    expect(forecaster().counter.snapshots - first.snapshots).toBe(1);
    expect(forecaster().counter.mergeTrees - first.mergeTrees).toBe(3);
  });

  it('forecasts a conflict with the base once the base moves, and none once the session is ended', async () => {
    const alpha = await session('alpha');
    commitFile(alpha.worktreePath, 'README.md', '# temp repo\nalpha was here\n', 'alpha');
    expect((await forecaster().list()).pairs).toEqual([]);

    commitFile(engine.temp.repo, 'README.md', '# temp repo\nmain moved on\n', 'main moves');
    // No diff changes and nobody asks: the base's move alone brings a pass.
    const changed = await waitForEvents(
      engine.tm.manager,
      () =>
        engine.tm.events
          .map((e) => (e.name === 'conflicts.changed' ? e.payload : null))
          .find((p) => p?.pairs.some((pair) => !pair.b)) ?? undefined,
      { what: 'conflicts.changed naming the base', timeoutMs: 15_000 },
    );
    expect(changed.pairs).toMatchObject([{ a: alpha.id, b: null, files: ['README.md'] }]);
    const forecast = await forecaster().list();
    expect(forecast.pairs).toEqual([
      { repoPath: engine.temp.repo, a: alpha.id, b: null, baseBranch: alpha.baseBranch, files: ['README.md'] },
    ]);

    await engine.tm.manager.kill([alpha.id]);
    expect((await forecaster().list()).pairs).toEqual([]);
  });
});
