import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitSync } from '../../test-support/temp-repo.js';
import { useTestEngine } from '../../test-support/test-engine.js';
import { waitForStatus } from '../../test-support/wait-for.js';

// Per-repository disk totals, and "remove merged sessions' worktrees" after a real squash-merge.

const engine = useTestEngine();

async function committedSession(name: string, file: string) {
  const { manager } = engine.tm;
  const [session] = await manager.create({ repoPath: engine.temp.repo, prompt: name, name });
  await waitForStatus(manager, session!.id, 'waiting');
  writeFileSync(path.join(session!.worktreePath, file), `${name}\n`.repeat(5000));
  gitSync(session!.worktreePath, ['add', file]);
  gitSync(session!.worktreePath, ['commit', '--quiet', '-m', name]);
  await manager.kill([session!.id]);
  return session!;
}

describe('merged worktrees', () => {
  it('lists and removes the worktree of a merged session, not an unmerged or untouched one', async () => {
    const { manager } = engine.tm;
    const merged = await committedSession('landed', 'landed.txt');
    const unmerged = await committedSession('pending', 'pending.txt');
    const [untouched] = await manager.create({ repoPath: engine.temp.repo, prompt: 'nothing', name: 'untouched' });
    await manager.kill([untouched!.id]);
    await manager.git.merge(merged.id, 'Land it');

    const listed = await manager.reviewLoop.costs.merged(engine.temp.repo);
    expect(listed.map((s) => s.name)).toEqual(['landed']);
    expect(listed[0]!.bytes).toBeGreaterThan(25_000);
    expect(await manager.reviewLoop.costs.merged('/elsewhere')).toEqual([]);

    const result = await manager.reviewLoop.costs.removeMerged([merged.id, unmerged.id], (id) =>
      manager.remove(id, false),
    );
    expect(result.removed).toEqual([{ id: merged.id, name: 'landed', bytes: listed[0]!.bytes }]);
    expect(result.freedBytes).toBe(listed[0]!.bytes);
    expect(result.skipped).toEqual([{ id: unmerged.id, reason: 'its branch is not merged into main' }]);
    expect(existsSync(merged.worktreePath)).toBe(false);
    expect(existsSync(unmerged.worktreePath)).toBe(true);
    expect(
      manager
        .list()
        .map((s) => s.name)
        .sort(),
    ).toEqual(['pending', 'untouched']);
  });

  it('lists a branch merged with a merge commit (git merge --no-ff), not an open one', async () => {
    const { manager } = engine.tm;
    const merged = await committedSession('merged', 'merged.txt');
    await committedSession('open', 'open.txt');
    gitSync(engine.temp.repo, ['merge', '--quiet', '--no-ff', '-m', 'Merge it', merged.branch]);
    expect((await manager.reviewLoop.costs.merged()).map((s) => s.name)).toEqual(['merged']);
  });

  it('does not list a merged session that is still working or has uncommitted changes', async () => {
    const { manager } = engine.tm;
    const dirty = await committedSession('dirty', 'dirty.txt');
    await manager.git.merge(dirty.id, 'Land dirty');
    writeFileSync(path.join(dirty.worktreePath, 'more.txt'), 'not committed\n');
    expect(await manager.reviewLoop.costs.merged()).toEqual([]);
    const result = await manager.reviewLoop.costs.removeMerged([dirty.id], (id) => manager.remove(id, false));
    expect(result.skipped).toEqual([{ id: dirty.id, reason: 'it has uncommitted changes' }]);
  });

  it('totals the disk of a repository session worktrees', async () => {
    const { manager } = engine.tm;
    const a = await committedSession('a', 'a.txt');
    const b = await committedSession('b', 'b.txt');
    const [total] = await manager.reviewLoop.costs.repoTotals();
    const each = await Promise.all([a, b].map((s) => manager.worktrees.diskUsage(s.id)));
    expect(total).toEqual({
      repoPath: engine.temp.repo,
      sessions: 2,
      bytes: each[0]!.bytes + each[1]!.bytes,
      files: each[0]!.files + each[1]!.files,
    });
    expect(await manager.reviewLoop.costs.repoTotals('/elsewhere')).toEqual([]);
  });
});
