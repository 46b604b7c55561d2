import { existsSync } from 'node:fs';
import path from 'node:path';
import type { AnyEvent } from '../../../shared/contract.js';
import { FlotillaError } from '../../../shared/errors.js';
import type { DiffSummary, SessionDiff } from '../../../shared/git.js';
import type { Session } from '../../../shared/session.js';
import { isAtRest, isLive } from '../../../shared/session-state.js';
import { computeSessionDiff, DEFAULT_DIFF_LIMITS, type DiffLimits } from '../../git/diff-stats.js';
import type { EventHub, EventListener } from '../event-hub.js';
import { WatchBudget, WorktreeWatcher } from '../worktrees/worktree-watcher.js';

/** What the diff service needs from the engine: sessions by reference, and its event stream. */
export interface DiffHost {
  readonly events: EventHub;
  get(ref: string): Session;
  subscribe(listener: EventListener): () => void;
}

export interface DiffServiceOptions {
  /** Delay after a file change before recomputing; further changes meanwhile ride along. */
  debounceMs: number;
  /** When folders could not all be watched: poll at most this often while the agent prints output. */
  outputPollMs: number;
  watch: boolean;
  budget: WatchBudget;
  limits: DiffLimits;
  /** Computations running at once across all sessions, so 50 agents settling together cannot swamp the CPUs. */
  maxConcurrent: number;
  /** The computation itself (replaceable in tests). */
  compute: typeof computeSessionDiff;
}

const DEFAULTS: DiffServiceOptions = {
  debounceMs: 200,
  outputPollMs: 2000,
  watch: true,
  budget: new WatchBudget(512, 8192),
  limits: DEFAULT_DIFF_LIMITS,
  maxConcurrent: 2,
  compute: computeSessionDiff,
};

interface SessionState {
  running?: Promise<SessionDiff>;
  queued?: Promise<SessionDiff>;
  timer?: NodeJS.Timeout;
  watcher?: WorktreeWatcher;
  latest?: SessionDiff;
  /** The last summary (or error) sent, so unchanged results are not re-sent. */
  sentKey?: string;
  lastOutputPoll?: number;
  /** How long the last computation took: changes wait at least twice that, so a big repo is not diffed non-stop. */
  lastDurationMs?: number;
  /** What was last sent (or would have been, had it changed): what statsAll answers. */
  last?: CachedDiffStats;
}

/** One session's cached totals, as `session.diffStatsAll` answers them. */
export interface CachedDiffStats {
  id: string;
  stats: DiffSummary | null;
  error: string | null;
}

function summaryOf(diff: SessionDiff): DiffSummary {
  const { base, changedFiles, additions, deletions, ahead, behind, baseStatus, merged, computedAt } = diff;
  return { base, changedFiles, additions, deletions, ahead, behind, baseStatus, merged, computedAt };
}

/**
 * Totals for a session whose base branch is gone: nothing to count against, but the card must say so
 * (an error alone reaches only an opened diff panel).
 */
function missingBaseSummary(baseBranch: string): DiffSummary {
  return {
    base: '',
    changedFiles: 0,
    additions: 0,
    deletions: 0,
    ahead: 0,
    behind: 0,
    baseStatus: { branch: baseBranch, missing: true, dirtyCheckout: null },
    computedAt: new Date().toISOString(),
  };
}

/**
 * Live diff stats per session: recomputed after file changes in its worktree (watched folders, debounced),
 * when the agent settles (idle, waiting, exited), and on request. At most one computation per session is
 * in flight; requests meanwhile share one follow-up run. Nothing runs on a timer while nothing happens.
 */
export class DiffService {
  private readonly states = new Map<string, SessionState>();
  private readonly options: DiffServiceOptions;
  private readonly unsubscribe: () => void;
  private closed = false;
  private active = 0;
  private readonly slots: (() => void)[] = [];

  constructor(
    private readonly host: DiffHost,
    options: Partial<DiffServiceOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.unsubscribe = host.subscribe((event) => this.onEvent(event));
  }

  /** The session's diff, computed now (or the run already queued after the one in flight). */
  diff(ref: string): Promise<SessionDiff> {
    return this.compute(this.host.get(ref).id);
  }

  /** The last computed diff, if any (for looking up a renamed file's old path). */
  latest(id: string): SessionDiff | undefined {
    return this.states.get(id)?.latest;
  }

  /**
   * The totals already known for each of `sessions`, at once. Sessions never computed (e.g. after a host
   * restart) are scheduled in the background within the concurrency budget; their `session.diff` event follows.
   */
  statsAll(sessions: readonly Session[]): CachedDiffStats[] {
    return sessions.map(({ id, worktreePath }) => {
      const state = this.states.get(id);
      if (state?.last) return state.last;
      if (!state?.running && existsSync(worktreePath)) this.schedule(id, 0);
      return { id, stats: null, error: null };
    });
  }

  /** Recompute soon (after an action changed the worktree); never throws. */
  refresh(id: string, delayMs = 0): void {
    this.schedule(id, delayMs);
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
    for (const id of [...this.states.keys()]) this.forget(id);
  }

  private state(id: string): SessionState {
    let state = this.states.get(id);
    if (!state) this.states.set(id, (state = {}));
    return state;
  }

  private onEvent(event: AnyEvent): void {
    if (this.closed) return;
    if (event.name === 'session.status') {
      const { session } = event.payload;
      if (isLive(session.status)) this.watch(session);
      else this.unwatch(session.id);
      if (isAtRest(session.status) && existsSync(session.worktreePath)) this.schedule(session.id, 0);
    } else if (event.name === 'session.output') {
      const state = this.states.get(event.payload.id);
      if (!state || state.watcher?.complete) return;
      const now = Date.now();
      if (now - (state.lastOutputPoll ?? 0) < this.options.outputPollMs) return;
      state.lastOutputPoll = now;
      this.schedule(event.payload.id, this.options.debounceMs);
    } else if (event.name === 'session.removed') {
      this.forget(event.payload.id);
    }
  }

  private watch(session: Session): void {
    const state = this.state(session.id);
    if (!this.options.watch || state.watcher || !existsSync(session.worktreePath)) return;
    const watcher = new WorktreeWatcher(
      session.worktreePath,
      () => this.schedule(session.id, Math.max(this.options.debounceMs, 2 * (state.lastDurationMs ?? 0))),
      this.options.budget,
    );
    state.watcher = watcher;
    watcher.start().catch(() => undefined);
  }

  private unwatch(id: string): void {
    const state = this.states.get(id);
    state?.watcher?.close();
    if (state) state.watcher = undefined;
  }

  private forget(id: string): void {
    const state = this.states.get(id);
    if (!state) return;
    clearTimeout(state.timer);
    state.watcher?.close();
    this.states.delete(id);
  }

  private schedule(id: string, delayMs: number): void {
    const state = this.state(id);
    if (this.closed || state.timer) return;
    state.timer = setTimeout(() => {
      state.timer = undefined;
      this.compute(id).catch(() => undefined);
    }, delayMs);
  }

  private compute(id: string): Promise<SessionDiff> {
    const state = this.state(id);
    if (!state.running) {
      state.running = this.run(id).finally(() => (state.running = undefined));
      return state.running;
    }
    state.queued ??= state.running
      .catch(() => undefined)
      .then(() => {
        state.queued = undefined;
        return this.compute(id);
      });
    return state.queued;
  }

  private async run(id: string): Promise<SessionDiff> {
    const session = this.host.get(id);
    const state = this.state(id);
    try {
      if (!existsSync(session.worktreePath)) {
        throw new FlotillaError('WORKTREE_MISSING', `worktree ${session.worktreePath} is missing`);
      }
      const started = Date.now();
      const diff = {
        id,
        ...(await this.limited(() =>
          this.options.compute(session.worktreePath, session.baseBranch, this.options.limits),
        )),
      };
      state.latest = diff;
      state.lastDurationMs = Date.now() - started;
      state.watcher?.add(diff.files.map((f) => path.posix.dirname(f.path)).filter((d) => d !== '.'));
      const summary = summaryOf(diff);
      this.send(state, { id, stats: summary, error: null }, JSON.stringify({ ...summary, computedAt: '' }));
      return diff;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const missing = error instanceof FlotillaError && error.code === 'UNKNOWN_BASE';
      const stats = missing ? missingBaseSummary(session.baseBranch) : null;
      this.send(state, { id, stats, error: message }, message);
      throw error;
    }
  }

  /** Runs `task` when fewer than maxConcurrent run; a finishing task hands its slot straight to the next. */
  private async limited<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.options.maxConcurrent) await new Promise<void>((resolve) => this.slots.push(resolve));
    else this.active++;
    try {
      return await task();
    } finally {
      const next = this.slots.shift();
      if (next) next();
      else this.active--;
    }
  }

  private send(state: SessionState, payload: CachedDiffStats, key: string): void {
    state.last = payload;
    if (this.closed || !this.states.has(payload.id) || state.sentKey === key) return;
    state.sentKey = key;
    this.host.events.emit('session.diff', payload);
  }
}
