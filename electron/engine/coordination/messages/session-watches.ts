import type { WatchOutcome } from '../../../../shared/coordination.js';
import { FlotillaError } from '../../../../shared/errors.js';
import { isEnded } from '../../../../shared/session-state.js';
import type { MessageRepository, WatchRecord } from '../../../store/message-repository.js';
import { named, type MessageTarget } from './message-target.js';

export interface WatchDeps {
  repo: MessageRepository;
  /** The session now (undefined once removed). */
  target(id: string): MessageTarget | undefined;
  /** Sends the watcher its notice (from Flotilla, mode important). */
  notify(watcherId: string, text: string): void;
}

/** The statuses that end a watch at once. */
function outcomeOf(status: MessageTarget['status']): WatchOutcome | undefined {
  if (status === 'idle' || status === 'waiting' || isEnded(status)) return status as WatchOutcome;
  return undefined;
}

function describe(watch: WatchRecord, outcome: WatchOutcome, target: MessageTarget | undefined): string {
  const who = named({ id: watch.targetId, name: target?.name ?? watch.targetName });
  switch (outcome) {
    case 'idle':
      return `${who} is idle`;
    case 'waiting':
      return `${who} is waiting for an answer: ${target?.question?.text ?? '(question not read)'}`;
    case 'completed':
      return `${who} completed`;
    case 'failed':
      return `${who} failed${target?.error ? `: ${target.error}` : ''}`;
    case 'cancelled':
      return `${who} was cancelled`;
    case 'removed':
      return `${who} was removed`;
    case 'timeout':
      return `timed out after ${watch.seconds} s: ${who} is still ${target?.status ?? 'there'}`;
  }
}

/**
 * `flotilla wait ID --notify`: persisted watches that send the watcher one message when the target goes
 * idle, waits for an answer, ends, is removed, or when the time is up. Nothing polls: status events and one
 * unref'd timer per watch.
 */
export class SessionWatches {
  private readonly armed = new Map<number, { watch: WatchRecord; timer: NodeJS.Timeout }>();

  constructor(private readonly deps: WatchDeps) {}

  /** Re-arms the stored watches (a host restart): one whose target ended or is gone, or whose time passed, fires. */
  restore(): void {
    for (const watch of this.deps.repo.watches()) {
      const target = this.deps.target(watch.targetId);
      if (!target) this.fire(watch, 'removed', undefined);
      else if (isEnded(target.status)) this.fire(watch, target.status as WatchOutcome, target);
      else this.arm(watch);
    }
  }

  add(target: MessageTarget, watcherId: string, seconds: number): void {
    const at = Date.now();
    const watch = this.deps.repo.addWatch({
      targetId: target.id,
      targetName: target.name,
      watcherId,
      seconds,
      createdAt: new Date(at).toISOString(),
      deadlineAt: new Date(at + seconds * 1000).toISOString(),
    });
    this.arm(watch);
    const outcome = outcomeOf(target.status);
    if (outcome) this.fire(watch, outcome, target);
  }

  statusChanged(target: MessageTarget): void {
    const outcome = outcomeOf(target.status);
    if (!outcome) return;
    for (const { watch } of [...this.armed.values()])
      if (watch.targetId === target.id) this.fire(watch, outcome, target);
  }

  removed(id: string): void {
    for (const { watch } of [...this.armed.values()]) if (watch.targetId === id) this.fire(watch, 'removed', undefined);
  }

  close(): void {
    for (const { timer } of this.armed.values()) clearTimeout(timer);
    this.armed.clear();
  }

  private arm(watch: WatchRecord): void {
    const delay = Math.max(0, Date.parse(watch.deadlineAt) - Date.now());
    // setTimeout holds at most 2^31-1 ms (24.8 days); watches are capped at 7 days.
    const timer = setTimeout(() => this.fire(watch, 'timeout', this.deps.target(watch.targetId)), delay);
    timer.unref();
    this.armed.set(watch.id, { watch, timer });
  }

  private fire(watch: WatchRecord, outcome: WatchOutcome, target: MessageTarget | undefined): void {
    clearTimeout(this.armed.get(watch.id)?.timer);
    this.armed.delete(watch.id);
    if (!this.deps.repo.deleteWatch(watch.id)) return; // fired already
    try {
      this.deps.notify(watch.watcherId, describe(watch, outcome, target));
    } catch (error) {
      // The watcher was removed meanwhile: nobody is left to tell.
      if (!(error instanceof FlotillaError && error.code === 'NOT_FOUND')) throw error;
    }
  }
}
