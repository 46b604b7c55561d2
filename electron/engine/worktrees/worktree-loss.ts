import { existsSync } from 'node:fs';
import { isAttached } from '../../../shared/session-state.js';
import type { SessionRecord } from '../../store/session-repository.js';

export interface WorktreeLossDeps {
  record(id: string): SessionRecord | undefined;
  /** Says it on the session: its history, its error, an attention event. */
  report(id: string, reason: string): void;
}

/**
 * A live session whose worktree was deleted under it (by hand, by another tool): the agent runs on in a
 * folder that no longer exists, and its next file write fails. Reported once, when the diff service finds
 * the folder gone (its watcher sees the deletion at once), and named again if the agent then exits.
 */
export class WorktreeLoss {
  private readonly reported = new Set<string>();

  constructor(private readonly deps: WorktreeLossDeps) {}

  /** Whether the session's worktree is gone; the first time it is found gone, reports it. */
  check(id: string): boolean {
    const record = this.deps.record(id);
    if (!record || existsSync(record.worktreePath)) {
      this.reported.delete(id);
      return false;
    }
    // Only an agent process that may still be there trips over a missing folder.
    if (isAttached(record.status) && !this.reported.has(id)) {
      this.reported.add(id);
      this.deps.report(
        id,
        `worktree ${record.worktreePath} was deleted while the session ran; the agent cannot write its files there`,
      );
    }
    return true;
  }

  forget(id: string): void {
    this.reported.delete(id);
  }
}
