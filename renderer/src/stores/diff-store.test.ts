import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DiffFile, FilePatch, SessionDiff } from '../../../shared/git.js';
import { setApi } from '../api/api-instance.js';
import type { FlotillaApi } from '../api/flotilla-api.js';
import { useDiffStore } from './diff-store.js';

const file = (path: string, additions = 1): DiffFile => ({
  path,
  oldPath: null,
  status: 'added',
  additions,
  deletions: 0,
  binary: false,
  large: false,
  size: null,
  submodule: false,
  uncommitted: false,
});

const diffOf = (computedAt: string, files: DiffFile[]): SessionDiff => ({
  id: 's1',
  base: 'b'.repeat(40),
  baseBranch: 'main',
  head: 'h'.repeat(40),
  changedFiles: files.length,
  additions: files.reduce((n, f) => n + f.additions, 0),
  deletions: 0,
  ahead: 0,
  behind: 0,
  computedAt,
  truncated: false,
  files,
});

const patchOf = (path: string): FilePatch => ({
  path,
  oldPath: null,
  kind: 'text',
  patch: '@@ -0,0 +1 @@\n+x\n',
  oldSize: null,
  newSize: 2,
  patchSize: null,
});

let diffs: SessionDiff[] = [];
const invoke = vi.fn(async (method: string, payload: { path?: string }) => {
  if (method === 'session.diff') return diffs.shift();
  if (method === 'session.diffFile') return patchOf(payload.path ?? '');
  throw new Error(`unexpected ${method}`);
});
setApi({ invoke, on: () => () => undefined, onState: () => () => undefined, state: 'open' } as unknown as FlotillaApi);

const store = () => useDiffStore.getState();

describe('diff store', () => {
  beforeEach(() => {
    store().forget('s1');
    invoke.mockClear();
    diffs = [];
  });

  it('loads the file list, selects the first file and fetches a patch on demand', async () => {
    diffs = [diffOf('t1', [file('a.txt'), file('b.txt')])];
    await store().load('s1');
    expect(store().views.s1?.selected).toBe('a.txt');
    expect(store().stats.s1?.changedFiles).toBe(2);
    await store().loadFile('s1', 'a.txt');
    expect(store().views.s1?.patches['a.txt']).toMatchObject({ state: 'ready', stale: false });
  });

  it('keyboard moves stay within the list', async () => {
    diffs = [diffOf('t1', [file('a'), file('b'), file('c')])];
    await store().load('s1');
    store().move('s1', 1);
    store().move('s1', 1);
    store().move('s1', 1);
    expect(store().views.s1?.selected).toBe('c');
    store().move('s1', -5);
    expect(store().views.s1?.selected).toBe('a');
  });

  it('an event with newer stats reloads an open diff; viewed marks survive only on unchanged files', async () => {
    diffs = [diffOf('t1', [file('a', 1), file('b', 1)])];
    await store().load('s1');
    await store().loadFile('s1', 'a');
    store().toggleViewed('s1', 'a');
    store().toggleViewed('s1', 'b');
    const next = diffOf('t2', [file('a', 1), file('b', 5)]);
    diffs = [next];
    const { id: _id, baseBranch: _b, head: _h, truncated: _t, files: _f, ...stats } = next;
    store().applyEvent({ id: 's1', stats, error: null });
    await vi.waitFor(() => expect(store().views.s1?.diff?.computedAt).toBe('t2'));
    expect(store().views.s1?.viewed).toEqual({ a: true });
    // The old patch stays on screen, marked for a reload.
    expect(store().views.s1?.patches.a).toMatchObject({ state: 'ready', stale: true });
  });

  it('events for a session not open only update the card totals', () => {
    const stats = { ...diffOf('t9', [file('z', 3)]) };
    store().applyEvent({ id: 'other', stats, error: null });
    expect(store().stats.other?.additions).toBe(3);
    expect(store().views.other).toBeUndefined();
    expect(invoke).not.toHaveBeenCalled();
  });

  it('a load asked for while one is in flight runs once more after it', async () => {
    diffs = [diffOf('t1', [file('a')]), diffOf('t2', [file('a'), file('b')])];
    const first = store().load('s1');
    void store().load('s1');
    await first;
    expect(invoke).toHaveBeenCalledTimes(2);
    expect(store().views.s1?.diff?.computedAt).toBe('t2');
  });
});
