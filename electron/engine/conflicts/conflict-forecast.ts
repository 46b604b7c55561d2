import type { AnyEvent } from '../../../shared/contract.js';
import type { ConflictForecast, ConflictPair } from '../../../shared/conflicts.js';
import type { Session } from '../../../shared/session.js';
import { isEnded } from '../../../shared/session-state.js';
import type { EventListener } from '../event-hub.js';
import { BaseWatch } from './base-watch.js';
import { branchTip, conflictingFiles, type GitCounter, type SessionSnapshot, snapshotCommit } from './forecast-git.js';

export interface ForecastHost {
  list(): Session[];
  subscribe(listener: EventListener): () => void;
  changed(repoPath: string, pairs: ConflictPair[], computedAt: string): void;
}

export interface ForecastOptions {
  /** Quiet time after a diff change before a pass; changes meanwhile ride along. */
  debounceMs: number;
}

/** Sessions the forecast looks at: started, not ended, not archived (paused ones keep their work). */
export function forecastable(session: Session): boolean {
  return session.status !== 'creating' && !isEnded(session.status) && !session.archivedAt;
}

/**
 * Forecasts, per repository, which live sessions would conflict with their base branch and with each other.
 * Passes run after `session.diff` events (debounced), one at a time, one git at a time. Only sessions whose
 * diff changed are snapshotted again, and merges are cached by the two commits (a snapshot commit is
 * fixed-dated, so unchanged work keeps its commit): an unchanged pair is never merged twice.
 */
export class ConflictForecaster {
  readonly counter: GitCounter = { runs: 0, mergeTrees: 0, snapshots: 0 };
  passes = 0;
  private readonly snapshots = new Map<string, SessionSnapshot>();
  private readonly dirty = new Set<string>();
  private members = new Set<string>();
  private merges = new Map<string, string[]>();
  private readonly sent = new Map<string, string>();
  private pairs: ConflictPair[] = [];
  private skipped: ConflictForecast['skipped'] = [];
  private computedAt: string | null = null;
  private running?: Promise<void>;
  private queued?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private lastDurationMs = 0;
  private closed = false;
  private readonly unsubscribe: () => void;
  private readonly bases = new BaseWatch(() => this.schedule());

  constructor(
    private readonly host: ForecastHost,
    private readonly options: ForecastOptions = { debounceMs: 500 },
  ) {
    this.unsubscribe = host.subscribe((event) => this.onEvent(event));
  }

  /**
   * The forecast as of now: every live session is snapshotted again (its `session.diff` may still be on its
   * way), base branches are read again; merges whose two commits are unchanged come from the cache.
   */
  async list(repoPath?: string): Promise<ConflictForecast> {
    for (const session of this.host.list()) if (!repoPath || session.repoPath === repoPath) this.dirty.add(session.id);
    await this.pass();
    const inRepo = <T extends { repoPath?: string }>(items: T[]) =>
      repoPath ? items.filter((item) => item.repoPath === repoPath) : items;
    const repoOf = new Map(this.host.list().map((s) => [s.id, s.repoPath]));
    const skipped = this.skipped.filter((s) => !repoPath || repoOf.get(s.id) === repoPath);
    return { pairs: inRepo(this.pairs), computedAt: this.computedAt, skipped };
  }

  /** Runs a pass now, or joins the one already waiting to run after the current one. */
  pass(): Promise<void> {
    if (this.queued) return this.queued;
    const before = this.running ?? Promise.resolve();
    const next: Promise<void> = before.then(async () => {
      this.queued = undefined;
      this.running = next;
      try {
        await this.run();
      } finally {
        if (this.running === next) this.running = undefined;
      }
    });
    this.queued = next;
    return next;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.unsubscribe();
    this.bases.close();
    await this.running?.catch(() => undefined);
  }

  private onEvent(event: AnyEvent): void {
    if (event.name === 'session.diff') {
      this.dirty.add(event.payload.id);
      this.schedule();
      return;
    }
    const membershipEvents = ['session.status', 'session.updated', 'session.removed', 'session.created'];
    if (!membershipEvents.includes(event.name)) return;
    // Only a session joining or leaving the live set matters (running <-> idle changes nothing to merge).
    const live = new Set(
      this.host
        .list()
        .filter(forecastable)
        .map((s) => s.id),
    );
    if (live.size !== this.members.size || [...live].some((id) => !this.members.has(id))) this.schedule();
  }

  /**
   * A pass after the quiet time, and at least twice the last pass's duration after it: the forecast takes at
   * most about a third of one core however busy the agents are.
   */
  private schedule(): void {
    if (this.closed || this.timer) return;
    const delay = Math.max(this.options.debounceMs, 2 * this.lastDurationMs);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pass().catch(() => undefined);
    }, delay);
    this.timer.unref?.();
  }

  private async run(): Promise<void> {
    if (this.closed) return;
    const started = performance.now();
    this.passes += 1;
    const sessions = this.host.list().filter(forecastable);
    this.members = new Set(sessions.map((s) => s.id));
    for (const id of this.snapshots.keys()) if (!this.members.has(id)) this.snapshots.delete(id);
    const byRepo = new Map<string, Session[]>();
    for (const session of sessions) byRepo.set(session.repoPath, [...(byRepo.get(session.repoPath) ?? []), session]);
    const used = new Map<string, string[]>();
    const pairs: ConflictPair[] = [];
    const skipped: ConflictForecast['skipped'] = [];
    for (const [repoPath, group] of byRepo) {
      const ready = await this.snapshotAll(group, skipped);
      pairs.push(...(await this.forecastRepo(repoPath, ready, used)));
      if (this.closed) return;
    }
    this.merges = used;
    this.pairs = pairs;
    this.skipped = skipped;
    this.computedAt = new Date().toISOString();
    this.lastDurationMs = performance.now() - started;
    const bases = new Map(sessions.map((s) => [`${s.repoPath}\0${s.baseBranch}`, s]));
    await this.bases.track([...bases.values()].map((s) => ({ repoPath: s.repoPath, branch: s.baseBranch })));
    this.announce(new Set([...byRepo.keys(), ...this.sent.keys()]));
  }

  private async snapshotAll(group: Session[], skipped: ConflictForecast['skipped']) {
    const ready: { session: Session; commit: string }[] = [];
    for (const session of group) {
      let snapshot = this.snapshots.get(session.id);
      if (!snapshot || this.dirty.has(session.id)) {
        // Cleared first: a diff change during the snapshot marks the session again for the next pass.
        this.dirty.delete(session.id);
        try {
          snapshot = await snapshotCommit(session.worktreePath, this.counter);
          this.snapshots.set(session.id, snapshot);
        } catch (error) {
          this.snapshots.delete(session.id);
          skipped.push({ id: session.id, reason: error instanceof Error ? error.message : String(error) });
          continue;
        }
      }
      ready.push({ session, commit: snapshot.commit });
    }
    return ready;
  }

  private async forecastRepo(
    repoPath: string,
    ready: { session: Session; commit: string }[],
    used: Map<string, string[]>,
  ): Promise<ConflictPair[]> {
    const merge = async (x: string, y: string) => {
      const key = x < y ? `${x} ${y}` : `${y} ${x}`;
      const files = used.get(key) ?? this.merges.get(key) ?? (await conflictingFiles(repoPath, x, y, this.counter));
      used.set(key, files);
      return files;
    };
    const tips = new Map<string, string | null>();
    const pairs: ConflictPair[] = [];
    for (const { session, commit } of ready) {
      if (!tips.has(session.baseBranch))
        tips.set(session.baseBranch, await branchTip(repoPath, session.baseBranch, this.counter));
      const tip = tips.get(session.baseBranch);
      const files = tip ? await merge(commit, tip) : [];
      if (files.length > 0) pairs.push({ repoPath, a: session.id, b: null, baseBranch: session.baseBranch, files });
    }
    for (let i = 0; i < ready.length; i += 1) {
      for (let j = i + 1; j < ready.length; j += 1) {
        const [first, second] = [ready[i]!, ready[j]!];
        const files = await merge(first.commit, second.commit);
        if (files.length === 0) continue;
        const { baseBranch } = first.session;
        pairs.push({ repoPath, a: first.session.id, b: second.session.id, baseBranch, files });
      }
    }
    return pairs;
  }

  /** `conflicts.changed` for each repository whose pairs differ from what was last sent. */
  private announce(repos: Set<string>): void {
    for (const repoPath of repos) {
      const pairs = this.pairs.filter((p) => p.repoPath === repoPath);
      const key = JSON.stringify(pairs);
      if (this.sent.get(repoPath) === key) continue;
      if (pairs.length === 0 && !this.sent.has(repoPath)) continue;
      this.sent.set(repoPath, key);
      this.host.changed(repoPath, pairs, this.computedAt ?? new Date().toISOString());
    }
  }
}
