import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnyEvent } from '../../../shared/contract.js';
import type { Session } from '../../../shared/session.js';
import { computeSessionDiff } from '../../git/diff-stats.js';
import { useTestSession } from '../../git/fixtures/make-session.js';
import { waitFor } from '../../test-support/wait-for.js';
import { DiffService, type DiffHost } from './diff-service.js';
import { EventHub } from '../event-hub.js';
import { WatchBudget } from '../worktrees/worktree-watcher.js';

const s = useTestSession();
let hub: EventHub;
let sent: AnyEvent[];
let session: Session;
let computations: number;
let inFlight: number;
let maxInFlight: number;
let service: DiffService | undefined;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(async () => {
  hub = new EventHub();
  sent = [];
  hub.subscribe((e) => sent.push(e));
  computations = inFlight = maxInFlight = 0;
  session = { id: 's1', status: 'running', worktreePath: s.worktree, baseBranch: 'main' } as Session;
});

afterEach(async () => {
  service?.close();
  service = undefined;
});

function start(options: { watch?: boolean; budget?: WatchBudget; maxConcurrent?: number } = {}): DiffService {
  const host: DiffHost = {
    events: hub,
    get: (ref) => (ref === session.id ? session : { ...session, id: ref }),
    subscribe: (listener) => hub.subscribe(listener),
  };
  service = new DiffService(host, {
    ...options,
    compute: async (...args) => {
      computations++;
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      try {
        return await computeSessionDiff(...args);
      } finally {
        inFlight--;
      }
    },
  });
  return service;
}

const diffEvents = () =>
  sent.filter((e) => e.name === 'session.diff').map((e) => e.payload as { stats: { changedFiles: number } | null });
const status = (next: Session['status']) => {
  session = { ...session, status: next };
  hub.emit('session.status', { session, from: null });
};

describe('DiffService', () => {
  it('runs at most one computation per session; concurrent requests share one follow-up', async () => {
    const diffs = start({ watch: false });
    s.write('a.txt', 'a\n');
    const results = await Promise.all(Array.from({ length: 8 }, () => diffs.diff('s1')));
    expect(results.every((r) => r.changedFiles === 1)).toBe(true);
    expect(maxInFlight).toBe(1);
    expect(computations).toBeLessThanOrEqual(2);
    expect(diffEvents()).toHaveLength(1); // unchanged results are not sent again
  });

  it('runs at most maxConcurrent computations across sessions', async () => {
    const diffs = start({ watch: false, maxConcurrent: 1 });
    const all = await Promise.all(['a', 'b', 'c', 'd'].map((id) => diffs.diff(id)));
    expect(all.map((d) => d.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(maxInFlight).toBe(1);
  });

  it('recomputes after file changes, debounced, and not at all while nothing happens', async () => {
    start();
    status('running');
    await sleep(300);
    expect(computations).toBe(0);
    for (let i = 0; i < 20; i++) s.write(`f${i}.txt`, 'x\n');
    await waitFor(() => diffEvents().some((e) => e.stats?.changedFiles === 20), { what: '20 files in the diff' });
    expect(computations).toBeLessThanOrEqual(3);
    const settled = computations;
    await sleep(500);
    expect(computations).toBe(settled);
  });

  it('sees files in new folders once the folder shows up in the diff', async () => {
    start();
    status('running');
    s.write('deep/new/one.txt', '1\n');
    await waitFor(() => diffEvents().some((e) => e.stats?.changedFiles === 1), { what: 'the first file' });
    s.write('deep/new/two.txt', '2\n');
    await waitFor(() => diffEvents().some((e) => e.stats?.changedFiles === 2), { what: 'the second file' });
  });

  it('computes when the agent settles, and polls on output only when folders could not all be watched', async () => {
    start({ budget: new WatchBudget(0, 0) });
    status('running');
    s.write('a.txt', 'a\n');
    hub.emit('session.output', { id: 's1', data: 'working…' });
    await waitFor(() => diffEvents().length === 1, { what: 'a diff after output' });
    s.write('b.txt', 'b\n');
    status('idle');
    await waitFor(() => diffEvents().some((e) => e.stats?.changedFiles === 2), { what: 'a diff on idle' });
  });

  it('statsAll answers from the cache at once and computes the missing totals in the background', async () => {
    const diffs = start({ watch: false, maxConcurrent: 1 });
    s.write('a.txt', 'a\nb\n');
    await diffs.diff('a');
    const sessions = ['a', 'b', 'c', 'd'].map((id) => ({ ...session, id }));
    const before = computations;
    const first = diffs.statsAll(sessions);
    expect(computations).toBe(before); // nothing ran before the answer
    expect(first[0]).toMatchObject({ id: 'a', stats: { changedFiles: 1, additions: 2 }, error: null });
    expect(first.slice(1)).toEqual(['b', 'c', 'd'].map((id) => ({ id, stats: null, error: null })));
    await waitFor(() => diffEvents().length === 4, { what: 'an event per session' });
    expect(maxInFlight).toBe(1);
    expect(computations).toBe(before + 3);
    const second = diffs.statsAll([...sessions, { ...session, id: 'gone', worktreePath: '/nonexistent/flotilla' }]);
    expect(second.map((e) => e.stats?.changedFiles ?? null)).toEqual([1, 1, 1, 1, null]);
    await sleep(50);
    expect(computations).toBe(before + 3); // cached; a missing worktree is not computed
  });

  it('sends the error once when the diff cannot be computed, and forgets removed sessions', async () => {
    session = { ...session, baseBranch: 'gone' };
    const diffs = start({ watch: false });
    await expect(diffs.diff('s1')).rejects.toMatchObject({ code: 'UNKNOWN_BASE' });
    await expect(diffs.diff('s1')).rejects.toMatchObject({ code: 'UNKNOWN_BASE' });
    expect(sent.filter((e) => e.name === 'session.diff')).toEqual([
      {
        name: 'session.diff',
        payload: {
          id: 's1',
          // The card learns of the missing base from the stats; the panel shows the error.
          stats: expect.objectContaining({ baseStatus: { branch: 'gone', missing: true, dirtyCheckout: null } }),
          error: expect.stringContaining('gone'),
        },
      },
    ]);
    hub.emit('session.removed', { id: 's1' });
    expect(diffs.latest('s1')).toBeUndefined();
  });

  it('says WORKTREE_MISSING when the worktree folder is gone', async () => {
    session = { ...session, worktreePath: `${s.worktree}-gone` };
    const diffs = start({ watch: false });
    await expect(diffs.diff('s1')).rejects.toMatchObject({ code: 'WORKTREE_MISSING' });
  });
});
