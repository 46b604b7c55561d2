import { existsSync } from 'node:fs';
import { FlotillaError } from '../../../shared/errors.js';
import { isEnded } from '../../../shared/session-state.js';
import { branchExists } from '../../git/repo-info.js';
import type { SessionRecord, SessionRepository } from '../../store/session-repository.js';
import { preparedAgain } from './create-session.js';
import type { LaunchGuard } from '../launch/launch-guard.js';
import type { SessionJournal } from './session-journal.js';
import type { SessionRuntime } from '../agents/session-runtime.js';

export interface RestartDeps {
  store: SessionRepository;
  journal: SessionJournal;
  runtimes: ReadonlyMap<string, SessionRuntime>;
  /** The launches under way (create, resume, restart): one per session, and kill or rm wait for it. */
  launches: LaunchGuard;
  /** Starts the agent in the session's worktree: 'resume' continues its conversation, 'launch' starts afresh. */
  spawn(record: SessionRecord, mode: 'launch' | 'resume'): Promise<void>;
  /** Copies configured files and runs the repository's setup command in a worktree made again. */
  setupWorktree(record: SessionRecord): Promise<void>;
}

/**
 * Restart: an ended session (completed, failed or cancelled) runs again in the same worktree on the same
 * branch, its conversation resumed where the provider can (the same path a durable resume takes).
 *
 * - A session that once ran needs its worktree and branch: the work lives there, and making either anew
 *   would silently start from the base instead. A missing one is a clear error and nothing is spawned.
 * - A session that never ran (it failed while its worktree was being made, or was taken out of the queue)
 *   has nothing of its own to lose: its worktree is made again from the base branch and the agent starts
 *   on the original prompt, exactly as create would have. That is what "try again" means for it, and the
 *   usual cause (a lock, a failing setup command, a missing CLI) is often fixed by then.
 */
export class SessionRestart {
  constructor(private readonly deps: RestartDeps) {}

  /** A double click or two clients share the restart under way instead of spawning twice. */
  restart(record: SessionRecord): Promise<void> {
    return this.deps.launches.run(record.id, () => this.run(record));
  }

  private async run(record: SessionRecord): Promise<void> {
    const { journal, store } = this.deps;
    if (!isEnded(record.status)) {
      throw new FlotillaError(
        'INVALID_STATE',
        `cannot restart a ${record.status} session; only completed, failed or cancelled ones restart`,
      );
    }
    if (this.deps.runtimes.has(record.id)) {
      throw new FlotillaError('INVALID_STATE', `session ${record.id} still has an agent process; wait for it to exit`);
    }
    const ranBefore = store.events(record.id).some((e) => e.kind === 'status' && e.toStatus === 'running');
    const hasWorktree = existsSync(record.worktreePath);
    const hasBranch = await branchExists(record.repoPath, record.branch);
    const remake = !ranBefore && !hasWorktree && !hasBranch;
    if (!remake) assertWorkThere(record, hasWorktree, hasBranch);

    const detail = remake
      ? 'Restarted: its worktree was never made, so it is made again and the agent starts on the original prompt'
      : 'Restarted in the same worktree and branch; the conversation is resumed where the agent supports it';
    // Running before the spawn: the spawn stops an agent whose session ended meanwhile, and the agent's
    // first screen cannot move the session on before this transition is recorded.
    journal.transition(record.id, 'running', detail, {
      error: null,
      exitCode: null,
      pid: null,
      pidStartTime: null,
      question: null,
      // A live session is never hidden in the Archived view.
      archivedAt: null,
    });
    try {
      if (remake) await preparedAgain(record, (r) => this.deps.setupWorktree(r)).createWorktree();
      await this.deps.spawn(store.get(record.id) ?? record, ranBefore ? 'resume' : 'launch');
    } catch (error) {
      if (remake) await preparedAgain(record).rollback();
      const reason = `restart failed: ${error instanceof Error ? error.message : String(error)}`;
      if (store.get(record.id)?.status === 'running')
        journal.transition(record.id, 'failed', reason, { error: reason });
      throw error;
    }
  }
}

function assertWorkThere(record: SessionRecord, hasWorktree: boolean, hasBranch: boolean): void {
  if (!hasWorktree) {
    throw new FlotillaError(
      'WORKTREE_MISSING',
      `cannot restart: its worktree ${record.worktreePath} is gone (removed outside Flotilla); ` +
        `start a new session${hasBranch ? ` from branch ${record.branch}` : ''} instead`,
    );
  }
  if (!hasBranch) {
    throw new FlotillaError(
      'INVALID_STATE',
      `cannot restart: its branch ${record.branch} no longer exists in ${record.repoPath}`,
    );
  }
}
