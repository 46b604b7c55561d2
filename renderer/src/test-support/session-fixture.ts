import type { Session } from '../../../shared/session.js';

/** A session as the host would send it, for store and view tests: `patch` sets what the test is about. */
export function sessionFixture(id: string, patch: Partial<Session> = {}): Session {
  return {
    id,
    name: id,
    provider: 'demo',
    prompt: '',
    status: 'running',
    repoPath: '/src/app',
    baseBranch: 'main',
    branch: `flotilla/${id}`,
    worktreePath: `/wt/${id}`,
    pid: 1,
    conversationId: null,
    autoYes: false,
    exitCode: null,
    error: null,
    question: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    lastActivityAt: '2026-01-01T00:00:00.000Z',
    archivedAt: null,
    ...patch,
  };
}
