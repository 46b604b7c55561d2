import { randomUUID } from 'node:crypto';
import { FlotillaError } from '../../../shared/errors.js';
import type { MergeResult, RebaseResult } from '../../../shared/git.js';
import type { MergeQueue, MergeQueueItem, MergeQueueItemState } from '../../../shared/merge-queue.js';
import type { Session } from '../../../shared/session.js';
import type { ValidationSummary } from '../../../shared/validation.js';
import { changedPaths, describePaths } from '../../git/worktree-status.js';
import { branchHead, restoreBranch } from './branch-restore.js';

export interface MergeQueueDeps {
  session(ref: string): Session;
  rebase(id: string): Promise<RebaseResult>;
  validate(id: string): Promise<ValidationSummary>;
  merge(id: string, message: string): Promise<MergeResult>;
  /** A line in the session's history. */
  note(id: string, detail: string): void;
  changed(queue: MergeQueue): void;
}

/** How long a stopping host waits for the step under way (a validator run is cancelled by its own close). */
const CLOSE_WAIT_MS = 30_000;

/** The squash message a single merge from the CLI uses when given none. */
export function defaultMergeMessage(session: Session): string {
  return `${session.name}\n\nSquash-merge of ${session.branch} (Flotilla session ${session.id}).`;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Why a validation outcome stops the queue, or null when it lets the session through. */
function validationFailure(summary: ValidationSummary): string | null {
  // 'none' is no validators configured: nothing to pass, as for a single merge without validators.
  if (summary.status === 'passed' || summary.status === 'none') return null;
  const failed = summary.results.filter((r) => r.status === 'failed');
  if (summary.status === 'cancelled')
    return 'validation was cancelled (the worktree changed while it ran, or the host stopped)';
  if (failed.length === 0) return `validation ${summary.status}`;
  const names = failed.map((r) => (r.exitCode === null ? r.name : `${r.name} (exit ${r.exitCode})`));
  return `validation failed: ${names.join(', ')}`;
}

/**
 * One merge queue per repository at a time (a second is refused while one runs): each session in turn is
 * rebased onto its base, validated and squash-merged. The first failure stops the queue, puts that session's
 * branch back where it was, and skips the rest. A stopping host ends the queue after the step under way.
 */
export class MergeQueues {
  /** The queue running or last run per repository. */
  private readonly queues = new Map<string, MergeQueue>();
  private readonly running = new Map<string, Promise<void>>();
  private closing = false;

  constructor(private readonly deps: MergeQueueDeps) {}

  list(): MergeQueue[] {
    return [...this.queues.values()]
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
      .map((q) => structuredClone(q));
  }

  async start(refs: string[], message?: string): Promise<MergeQueue> {
    if (this.closing) throw new FlotillaError('INVALID_STATE', 'the host is stopping; no merge queue can start');
    const sessions = refs.map((ref) => this.deps.session(ref));
    const seen = new Set<string>();
    for (const s of sessions) {
      if (seen.has(s.id)) throw new FlotillaError('VALIDATION', `${s.name} is listed twice`);
      seen.add(s.id);
    }
    const repoPath = sessions[0]!.repoPath;
    const stranger = sessions.find((s) => s.repoPath !== repoPath);
    if (stranger) {
      throw new FlotillaError(
        'VALIDATION',
        `${stranger.name} is in ${stranger.repoPath}, not ${repoPath}: queue one repository at a time`,
      );
    }
    if (this.running.has(repoPath)) {
      const names = this.queues
        .get(repoPath)
        ?.items.map((i) => this.nameOf(i.sessionId))
        .join(', ');
      throw new FlotillaError(
        'INVALID_STATE',
        `a merge queue is already running on ${repoPath}${names ? ` (${names})` : ''}; wait for it to end`,
      );
    }
    let release!: () => void;
    this.running.set(repoPath, new Promise<void>((resolve) => (release = resolve)));
    try {
      await this.refuseUncommitted(sessions);
    } catch (error) {
      this.running.delete(repoPath);
      release();
      throw error;
    }
    const queue: MergeQueue = {
      id: randomUUID(),
      repoPath,
      state: 'running',
      startedAt: new Date().toISOString(),
      items: sessions.map((s) => ({ sessionId: s.id, state: 'pending', reason: null, commit: null })),
    };
    this.queues.set(repoPath, queue);
    this.deps.changed(structuredClone(queue));
    const run = this.run(queue, message)
      .catch((error: unknown) => console.error(`flotilla: merge queue on ${repoPath} failed:`, error))
      .finally(() => {
        this.running.delete(repoPath);
        release();
      });
    this.running.set(repoPath, run);
    return structuredClone(queue);
  }

  /** Stops every queue after its step under way (never between a merge's ref update and its checkout). */
  async close(): Promise<void> {
    this.closing = true;
    if (this.running.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS)));
    await Promise.race([Promise.all(this.running.values()), timeout]);
    clearTimeout(timer);
  }

  /** As a single merge does: uncommitted work is never merged, so such a session is refused before anything runs. */
  private async refuseUncommitted(sessions: Session[]): Promise<void> {
    const dirty: string[] = [];
    for (const s of sessions) {
      const paths = await changedPaths(s.worktreePath);
      if (paths.length > 0) dirty.push(`${s.name} (${describePaths(paths, 5)})`);
    }
    if (dirty.length > 0) {
      throw new FlotillaError(
        'DIRTY_WORKTREE',
        `uncommitted changes in ${dirty.join('; ')}; commit or discard them, then start the queue again (nothing was merged)`,
      );
    }
  }

  private async run(queue: MergeQueue, message: string | undefined): Promise<void> {
    for (const [index, item] of queue.items.entries()) {
      const failure = this.closing ? 'the host stopped before its turn' : await this.land(queue, item, message);
      if (failure === null) continue;
      const stopped = this.nameOf(item.sessionId);
      if (item.state !== 'failed') this.set(queue, item, 'skipped', failure);
      for (const rest of queue.items.slice(index + 1)) {
        rest.state = 'skipped';
        rest.reason = this.closing && item.state === 'skipped' ? failure : `the queue stopped at ${stopped}`;
      }
      queue.state = 'stopped';
      this.deps.changed(structuredClone(queue));
      return;
    }
    queue.state = 'done';
    this.deps.changed(structuredClone(queue));
  }

  /** Rebase, validate, merge one session; null once merged, else why it stopped (the item is then failed). */
  private async land(queue: MergeQueue, item: MergeQueueItem, message: string | undefined): Promise<string | null> {
    const session = this.deps.session(item.sessionId);
    const fail = (reason: string): string => {
      this.set(queue, item, 'failed', reason);
      this.deps.note(session.id, `merge queue stopped here: ${reason}`);
      return reason;
    };
    let before: string;
    try {
      before = await branchHead(session.worktreePath);
      this.set(queue, item, 'rebasing');
      await this.deps.rebase(session.id);
    } catch (error) {
      // A conflicting rebase is aborted by rebaseOntoBase itself: the branch is as it was.
      return fail(reasonOf(error));
    }
    const putBack = async (reason: string) => fail(`${reason}; ${await restoreBranch(session.worktreePath, before)}`);
    if (this.closing) return putBack('the host stopped before validation');
    this.set(queue, item, 'validating');
    const summary = await this.deps.validate(session.id).catch((error: unknown): ValidationSummary => ({
      status: 'failed',
      head: null,
      results: [{ name: reasonOf(error), status: 'failed', durationMs: null, exitCode: null }],
    }));
    const invalid = validationFailure(summary);
    if (invalid) return putBack(invalid);
    if (this.closing) return putBack('the host stopped before the merge');
    this.set(queue, item, 'merging');
    try {
      const merged = await this.deps.merge(session.id, message ?? defaultMergeMessage(session));
      item.commit = merged.commit;
    } catch (error) {
      return putBack(reasonOf(error));
    }
    this.set(queue, item, 'merged');
    const position = queue.items.indexOf(item) + 1;
    this.deps.note(
      session.id,
      `merged by the merge queue (${position} of ${queue.items.length}) as ${item.commit!.slice(0, 10)}`,
    );
    return null;
  }

  private set(queue: MergeQueue, item: MergeQueueItem, state: MergeQueueItemState, reason: string | null = null): void {
    item.state = state;
    item.reason = reason;
    this.deps.changed(structuredClone(queue));
  }

  private nameOf(id: string): string {
    try {
      return this.deps.session(id).name;
    } catch {
      return id;
    }
  }
}
