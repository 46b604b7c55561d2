import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../../shared/agent-events.js';
import { useTestEngine } from '../../test-support/test-engine.js';
import { waitFor, waitForStatus } from '../../test-support/wait-for.js';
import { fileChanges } from './worktree-file-events.js';

// A shell session has no transcript: its file events come from git status after the diff service's watcher
// saw a change. A real shell in a pty, a real worktree, real SQLite.

const engine = useTestEngine();

const files = (id: string) =>
  engine.tm.manager.agentEvents(id).map((e: AgentEvent) => [e.kind, path.basename(e.path ?? ''), e.source]);

describe('file events from the worktree', () => {
  it('a shell creates, changes and deletes a file: created, modified, deleted', { timeout: 30_000 }, async () => {
    const [session] = await engine.tm.manager.create({ repoPath: engine.temp.repo, provider: 'shell', prompt: '' });
    const id = session!.id;
    const file = path.join(session!.worktreePath, 'notes.txt');
    await waitFor(() => engine.tm.events.some((e) => e.name === 'session.diff' && e.payload.id === id), {
      what: 'the first look at the worktree',
    });
    await engine.tm.manager.send(id, 'echo one > notes.txt');
    await waitFor(() => files(id).length >= 1, { what: 'file.created' });
    await engine.tm.manager.send(id, 'echo two >> notes.txt');
    await waitFor(() => files(id).length >= 2, { what: 'file.modified' });
    await engine.tm.manager.send(id, 'rm notes.txt');
    await waitFor(() => files(id).length >= 3, { what: 'file.deleted' });
    expect(existsSync(file)).toBe(false);
    expect(files(id)).toEqual([
      ['file.created', 'notes.txt', 'watcher'],
      ['file.modified', 'notes.txt', 'watcher'],
      ['file.deleted', 'notes.txt', 'watcher'],
    ]);
    expect(engine.tm.manager.agentEvents(id)[0]!.path).toBe(file);
    await engine.tm.manager.kill([id]);
  });

  it('compares two looks: a tracked file changed or deleted, an untracked one made and gone', () => {
    const look = (entries: [string, string, string | null][]) =>
      new Map(entries.map(([file, xy, mark]) => [file, { xy, mark }]));
    const before = look([
      ['a.txt', ' M', '3:1'],
      ['tmp.txt', '??', '1:1'],
    ]);
    const after = look([
      ['a.txt', ' M', '5:2'],
      ['b.txt', ' D', null],
      ['c.txt', 'A ', '1:3'],
    ]);
    expect(fileChanges(before, after)).toEqual([
      { kind: 'file.modified', file: 'a.txt' },
      { kind: 'file.deleted', file: 'b.txt' },
      { kind: 'file.created', file: 'c.txt' },
      { kind: 'file.deleted', file: 'tmp.txt' },
    ]);
    expect(fileChanges(after, after)).toEqual([]);
  });

  it(
    'an agent with a transcript: its Write is reported once (from the transcript), a file its shell deletes by the worktree',
    { timeout: 30_000 },
    async () => {
      const { manager } = engine.tm;
      const [session] = await manager.create({
        repoPath: engine.temp.repo,
        provider: 'demo',
        prompt: 'write the notes',
      });
      const id = session!.id;
      await waitForStatus(manager, id, 'waiting');
      await waitFor(() => engine.tm.events.some((e) => e.name === 'session.diff' && e.payload.id === id), {
        what: 'the first look at the worktree (before the Write)',
      });
      await manager.approve(id);
      const written = path.join(session!.worktreePath, 'write-the-notes.txt');
      await waitFor(() => files(id).some(([kind]) => kind === 'file.created'), { what: 'file.created' });
      await waitForStatus(manager, id, 'idle');
      // The diff service saw the file (its look is what wakes the file events).
      await waitFor(
        () =>
          engine.tm.events.some(
            (e) => e.name === 'session.diff' && e.payload.id === id && e.payload.stats?.changedFiles === 1,
          ),
        { what: 'the diff with the new file' },
      );
      // What a Bash `rm` of the agent does; the transcript says nothing of it.
      await rm(written);
      await waitFor(() => files(id).some(([kind]) => kind === 'file.deleted'), { what: 'file.deleted' });
      expect(files(id).filter(([kind]) => kind?.startsWith('file.'))).toEqual([
        ['file.created', 'write-the-notes.txt', 'transcript'],
        ['file.deleted', 'write-the-notes.txt', 'watcher'],
      ]);
      await manager.kill([id]);
    },
  );
});
