import type Database from 'better-sqlite3';
import type { AgentMessage, MessageMode } from '../../../../shared/coordination.js';
import { isEnded } from '../../../../shared/session-state.js';
import { MessageRepository, toAgentMessage, type MessageRecord } from '../../../store/message-repository.js';
import type { AgentProcess } from '../../agents/agent-process.js';
import type { EventHub } from '../../event-hub.js';
import { FLOTILLA_SENDER, type Sender } from '../sender.js';
import { MessageDelivery } from './message-delivery.js';
import type { MessageTarget } from './message-target.js';
import { SessionWatches } from './session-watches.js';

export interface MessageServiceDeps {
  db: Database.Database;
  events: EventHub;
  /** A session by id, unique id prefix or name; throws NOT_FOUND / AMBIGUOUS. */
  resolve(ref: string): MessageTarget;
  /** A session by id, undefined once removed. */
  record(id: string): MessageTarget | undefined;
  /** The session's running agent, if it has one. */
  agent(id: string): AgentProcess | undefined;
  /** A line on a session's history. */
  note(id: string, detail: string): void;
}

/** Durable messages between sessions (SQLite), delivered by mode; and watches that wake a waiting session. */
export class MessageService {
  private readonly repo: MessageRepository;
  private readonly delivery: MessageDelivery;
  private readonly watches: SessionWatches;
  private readonly unsubscribe: () => void;
  private readonly starting: NodeJS.Immediate;

  constructor(private readonly deps: MessageServiceDeps) {
    this.repo = new MessageRepository(deps.db);
    this.delivery = new MessageDelivery({
      repo: this.repo,
      target: (id) => deps.record(id),
      agent: (id) => deps.agent(id),
      settled: (message) => this.announce(message),
      note: (id, detail) => deps.note(id, detail),
    });
    this.watches = new SessionWatches({
      repo: this.repo,
      target: (id) => deps.record(id),
      notify: (watcherId, text) => void this.send(watcherId, text, 'important', FLOTILLA_SENDER),
    });
    this.unsubscribe = deps.events.subscribe((event) => {
      if (event.name === 'session.status') this.statusChanged(event.payload.session);
      else if (event.name === 'session.removed') this.removed(event.payload.id);
    });
    // Once the engine is built (not inside its constructor): what a stopped or killed host left queued.
    this.starting = setImmediate(() => this.start());
  }

  send(targetRef: string, text: string, mode: MessageMode, sender: Sender): AgentMessage {
    const target = this.deps.resolve(targetRef);
    const message = this.repo.add({
      targetId: target.id,
      targetName: target.name,
      senderId: sender.id,
      senderName: sender.name,
      text,
      mode,
      createdAt: new Date().toISOString(),
    });
    this.announce(message);
    if (isEnded(target.status)) {
      this.fail(message, `${target.name} has ended (${target.status}); nothing will read this`);
    } else {
      if (mode === 'urgent' && (target.status === 'running' || target.status === 'waiting')) {
        this.delivery.interrupt(target);
      }
      this.delivery.pump(target.id);
    }
    return toAgentMessage(this.repo.get(message.id)!);
  }

  /** Messages to and from the session, oldest first. */
  list(ref: string): AgentMessage[] {
    return this.repo.involving(this.deps.resolve(ref).id).map(toAgentMessage);
  }

  /** Messages to the session not delivered yet, in the order they will be. */
  queue(ref: string): AgentMessage[] {
    return this.repo.queue(this.deps.resolve(ref).id).map(toAgentMessage);
  }

  /** Returns at once; the watcher is sent a message when the target goes idle, waits, ends, or after `seconds`. */
  watch(targetRef: string, watcherRef: string, seconds: number): void {
    const target = this.deps.resolve(targetRef);
    const watcher = this.deps.resolve(watcherRef);
    this.watches.add(target, watcher.id, seconds);
  }

  close(): void {
    clearImmediate(this.starting);
    this.unsubscribe();
    this.delivery.close();
    this.watches.close();
  }

  private start(): void {
    for (const id of this.repo.queuedTargets()) {
      const target = this.deps.record(id);
      if (!target) this.failQueued(id, (name) => `${name} was removed before it was delivered`);
      else if (isEnded(target.status))
        this.failQueued(id, (name) => `${name} ended (${target.status}) before it was delivered`);
      else this.delivery.pump(id);
    }
    this.watches.restore();
  }

  private statusChanged(target: MessageTarget): void {
    if (isEnded(target.status)) {
      this.failQueued(target.id, (name) => `${name} ended (${target.status}) before it was delivered`);
      this.delivery.forget(target.id);
    } else {
      this.delivery.statusChanged(target.id, target.status);
    }
    this.watches.statusChanged(target);
  }

  private removed(id: string): void {
    this.failQueued(id, (name) => `${name} was removed before it was delivered`);
    this.delivery.forget(id);
    this.watches.removed(id);
  }

  private failQueued(targetId: string, reason: (targetName: string) => string): void {
    for (const message of this.repo.queue(targetId)) this.fail(message, reason(message.targetName));
  }

  private fail(message: MessageRecord, error: string): void {
    const failed = this.repo.settle(message.id, 'failed', error, new Date().toISOString());
    if (failed) this.announce(failed);
  }

  private announce(message: MessageRecord): void {
    this.deps.events.emit('message.changed', { message: toAgentMessage(message) });
  }
}
