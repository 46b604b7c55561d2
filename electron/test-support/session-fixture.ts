import type { Session } from '../../shared/session.js';

/** A Session record for formatting tests: a demo session on /src/app; `patch` sets what a test is about. */
export function sessionFixture(patch: Partial<Session> = {}): Session {
  const at = new Date().toISOString();
  return {
    id: 'abc123',
    name: 'docs',
    provider: 'demo',
    prompt: 'write docs',
    status: 'creating',
    repoPath: '/src/app',
    baseBranch: 'main',
    branch: 'flotilla/docs-abc123',
    worktreePath: '/data/worktrees/app/docs-abc123',
    pid: null,
    conversationId: null,
    autoYes: false,
    exitCode: null,
    error: null,
    question: null,
    createdAt: at,
    updatedAt: at,
    lastActivityAt: at,
    archivedAt: null,
    ...patch,
  };
}
