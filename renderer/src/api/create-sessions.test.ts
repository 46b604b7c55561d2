import { describe, expect, it } from 'vitest';
import type { MethodRequest } from '../../../shared/contract.js';
import { FlotillaError } from '../../../shared/errors.js';
import type { AgentRow } from '../components/agent-rows.js';
import {
  createSessions,
  errorsAfterEdit,
  fieldOf,
  rowsAfterEdit,
  validateForm,
  type NewSessionForm,
} from './create-sessions.js';
import type { FlotillaApi } from './flotilla-api.js';

const form = (patch: Partial<NewSessionForm> = {}): NewSessionForm => ({
  repoPath: '/src/app',
  baseBranch: 'main',
  prompt: 'add docs',
  name: 'docs',
  autoYes: false,
  rows: [{ key: 1, provider: 'demo', count: 2 }],
  ...patch,
});

function fakeApi(create: (request: MethodRequest<'session.create'>) => Promise<unknown>): FlotillaApi {
  return {
    state: 'open',
    invoke: ((method: string, payload: never) =>
      method === 'session.create' ? create(payload) : Promise.reject(new Error(method))) as FlotillaApi['invoke'],
    on: () => () => {},
    onState: () => () => {},
  };
}

describe('new session form', () => {
  it('is checked before asking the host', () => {
    expect(validateForm(form())).toEqual({});
    expect(validateForm(form({ repoPath: ' ' })).repoPath).toMatch(/git repository/);
    expect(
      validateForm(
        form({
          rows: [
            { key: 1, provider: 'demo', count: 30 },
            { key: 2, provider: 'demo', count: 30 },
          ],
        }),
      ).general,
    ).toMatch(/60 agents/);
  });

  it('puts typed host errors next to the field they concern', () => {
    expect(fieldOf('NOT_A_REPO', 'x')).toBe('repoPath');
    expect(fieldOf('UNKNOWN_BASE', 'x')).toBe('baseBranch');
    expect(fieldOf('VALIDATION', 'invalid payload: repoPath: too long')).toBe('repoPath');
    expect(fieldOf('PROVIDER_NOT_FOUND', 'x')).toBeUndefined();
    expect(fieldOf('INTERNAL', 'x')).toBe('general');
  });

  it('creates every row at once, numbering the shared name, and reports each row', async () => {
    const requests: MethodRequest<'session.create'>[] = [];
    const api = fakeApi(async (request) => {
      requests.push(request);
      if (request.provider === 'claude') throw new FlotillaError('PROVIDER_NOT_FOUND', 'claude is not installed');
      return { sessions: [] };
    });
    const rows: AgentRow[] = [
      { key: 1, provider: 'demo', count: 2 },
      { key: 2, provider: 'claude', count: 1, profileId: 'claude-opus' },
    ];
    const progress: Record<number, string> = {};
    const { errors } = await createSessions(
      api,
      form({ rows }),
      (key, p) => (progress[key] = p.state === 'failed' ? p.message : p.state),
    );
    expect(requests.map((r) => [r.provider, r.profileId, r.name, r.count, r.baseBranch])).toEqual([
      ['demo', undefined, 'docs 1', 2, 'main'],
      ['claude', 'claude-opus', 'docs 2', 1, 'main'],
    ]);
    expect(progress).toEqual({ 1: 'done', 2: 'claude is not installed' });
    expect(errors).toEqual({});
  });

  it('counts the sessions the host queued behind the max-concurrent limit apart from those started', async () => {
    const session = (id: string, queuedAt: string | null) => ({
      id,
      status: 'creating',
      ...(queuedAt ? { queuedAt } : {}),
    });
    const api = fakeApi(() =>
      Promise.resolve({
        sessions: [session('s1', null), session('s2', '2026-01-01T00:00:00Z'), session('s3', '2026-01-01T00:00:00Z')],
      }),
    );
    const seen: NonNullable<AgentRow['progress']>[] = [];
    const { ids } = await createSessions(api, form({ rows: [{ key: 1, provider: 'demo', count: 3 }] }), (_key, p) =>
      seen.push(p),
    );
    expect(seen.at(-1)).toEqual({ state: 'done', started: 1, queued: 2 });
    expect(ids).toEqual(['s1', 's2', 's3']);
  });

  it('a row whose sessions failed to start says how many; each one keeps its own reason', async () => {
    const api = fakeApi(() =>
      Promise.resolve({
        sessions: [
          { id: 's1', status: 'running' },
          { id: 's2', status: 'failed', error: 'setup command exited with code 3' },
        ],
      }),
    );
    const seen: NonNullable<AgentRow['progress']>[] = [];
    const { ids, errors } = await createSessions(api, form(), (_key, p) => seen.push(p));
    expect(seen.at(-1)).toEqual({ state: 'failed', message: '1 of 2 did not start' });
    expect(ids).toEqual(['s1', 's2']);
    expect(errors).toEqual({});
  });

  it('skips rows already started when submitted again; a repo error lands on the repo field', async () => {
    const requests: unknown[] = [];
    const api = fakeApi(async (request) => {
      requests.push(request);
      throw new FlotillaError('NOT_A_REPO', '/src/app is not a git repository');
    });
    const rows: AgentRow[] = [
      { key: 1, provider: 'demo', count: 1, progress: { state: 'done', started: 1 } },
      { key: 2, provider: 'demo', count: 1 },
    ];
    const { errors, ids } = await createSessions(api, form({ rows, name: '' }), () => {});
    expect(ids).toEqual([]);
    expect(requests).toHaveLength(1);
    expect(errors).toEqual({ repoPath: '/src/app is not a git repository' });
  });

  it('drops an error once the value it was about changes, and keeps the others', () => {
    const errors = { repoPath: '/tmp/notrepo is not a git repository', baseBranch: 'no branch x', name: 'too long' };
    const before = form({ repoPath: '/tmp/notrepo' });
    // A new repository: its error and the old repository's base branch error go; the name's stays.
    expect(errorsAfterEdit(errors, before, { repoPath: '/src/other' })).toEqual({ name: 'too long' });
    expect(errorsAfterEdit(errors, before, { name: 'short' })).toEqual({
      repoPath: errors.repoPath,
      baseBranch: errors.baseBranch,
    });
    // Setting a field to the value it holds (the dialog re-picks the same base branch) is no change.
    expect(errorsAfterEdit(errors, before, { repoPath: '/tmp/notrepo', prompt: 'other' })).toEqual(errors);
    expect(errorsAfterEdit({ general: 'That is 60 agents' }, before, { rows: [] })).toEqual({});
  });

  it('a row "not started" because of a field error is marked so no longer once that field changes', () => {
    const failed: AgentRow = {
      key: 1,
      provider: 'demo',
      count: 1,
      progress: { state: 'failed', message: 'not started', field: 'repoPath' },
    };
    const ownReason: AgentRow = {
      key: 2,
      provider: 'codex',
      count: 1,
      progress: { state: 'failed', message: 'no codex' },
    };
    const rows = [failed, ownReason];
    const before = form({ repoPath: '/tmp/notrepo', rows });
    expect(rowsAfterEdit(rows, before, { repoPath: '/src/other' })).toEqual([
      { ...failed, progress: undefined },
      ownReason,
    ]);
    // Another field, or the same value again: the rows stay as they are (the same array).
    expect(rowsAfterEdit(rows, before, { name: 'x' })).toBe(rows);
    expect(rowsAfterEdit(rows, before, { repoPath: '/tmp/notrepo' })).toBe(rows);
  });
});
