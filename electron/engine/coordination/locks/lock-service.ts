import type { LockScope, SessionLock } from '../../../../shared/coordination.js';
import { FlotillaError } from '../../../../shared/errors.js';

/** Advisory locks held by sessions on a repository or a worktree; released when their session ends. */
export class LockService {
  acquire(_ref: string, _reason: string, _scope: LockScope, _waitSeconds: number): Promise<SessionLock> {
    throw new FlotillaError('UNSUPPORTED', 'locks are not built yet');
  }

  release(_ref: string, _scope?: LockScope): number {
    throw new FlotillaError('UNSUPPORTED', 'locks are not built yet');
  }

  list(_repoPath?: string): SessionLock[] {
    return [];
  }

  close(): void {}
}
