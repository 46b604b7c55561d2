import { isLive } from '../../../../shared/session-state.js';
import type { MessageRecord, MessageRepository } from '../../../store/message-repository.js';
import type { AgentProcess } from '../../agents/agent-process.js';
import { typeLine } from '../../agents/agent-supervisor.js';
import { interruptKey } from './interrupt-keys.js';
import { deliveryLine } from './message-text.js';
import type { MessageTarget } from './message-target.js';

/**
 * After a delivery, the next message waits until the target has been busy and is idle again, or this long
 * when its status never moves. Measured (message-delivery.test.ts, 2 busy cores, 3 runs): a shell target
 * leaves idle 45-100 ms after the line is typed, the demo agent 150-290 ms (the echo is output). So 3 s only
 * ever applies to a target that shows nothing at all, and leaves a slow TUI time for its first redraw.
 */
export const SETTLE_MS = 3000;
/** An urgent message is typed at the target's next idle after its interrupt key, or after this long anyway. */
export const URGENT_GRACE_MS = 3000;
/** typeLine sends its Enter 200 ms after the text: never type the next line before that Enter went. */
const MIN_GAP_MS = 400;

export interface DeliveryDeps {
  repo: MessageRepository;
  /** The session now (undefined once removed). */
  target(id: string): MessageTarget | undefined;
  /** The session's running agent, if it has one. */
  agent(id: string): AgentProcess | undefined;
  /** A message left the queue: persisted already, to be announced. */
  settled(message: MessageRecord): void;
  /** A line on the target's history. */
  note(id: string, detail: string): void;
}

interface Gate {
  deliveredAt: number;
  /** The target left idle since that delivery: it read the line, and its next idle means it is done. */
  sawBusy: boolean;
}

/** Types each target's queued messages into it, one at a time, when it is idle at its prompt. */
export class MessageDelivery {
  private readonly gates = new Map<string, Gate>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Targets interrupted for an urgent message: when, and the timer that delivers it anyway. */
  private readonly interrupted = new Map<string, { at: number; timer: NodeJS.Timeout }>();

  constructor(private readonly deps: DeliveryDeps) {}

  /** The target's status changed. */
  statusChanged(id: string, status: MessageTarget['status']): void {
    const gate = this.gates.get(id);
    if (status !== 'idle') {
      if (gate) gate.sawBusy = true;
      return;
    }
    this.pump(id);
  }

  /** An urgent message for a target at work: its interrupt key now, the message at its next idle (or soon anyway). */
  interrupt(target: MessageTarget): void {
    if (this.interrupted.has(target.id)) return;
    this.deps.agent(target.id)?.write(interruptKey(target.provider));
    const timer = setTimeout(() => this.pump(target.id, true), URGENT_GRACE_MS);
    timer.unref();
    this.interrupted.set(target.id, { at: Date.now(), timer });
  }

  /**
   * Types the head of the target's queue if it may be typed now: the target is idle and done with the last
   * message (or `force`: an urgent message whose grace ran out, typed while it is still at work).
   */
  pump(id: string, force = false): void {
    const head = this.deps.repo.queue(id)[0];
    const target = this.deps.target(id);
    const agent = this.deps.agent(id);
    if (!head || !target || !agent || !isLive(target.status)) {
      if (!head) this.forgetInterrupt(id);
      return;
    }
    const gate = this.gates.get(id);
    const since = gate ? Date.now() - gate.deliveredAt : Infinity;
    if (since < MIN_GAP_MS) return this.later(id, MIN_GAP_MS - since);
    const urgentGraceOver = force && head.mode === 'urgent' && this.interrupted.has(id);
    if (!urgentGraceOver) {
      if (target.status !== 'idle') return;
      const open = !gate || gate.sawBusy || since >= SETTLE_MS || head.mode === 'urgent';
      if (!open) return this.later(id, SETTLE_MS - since);
    } else if (target.status === 'waiting') {
      // Still asking after its interrupt key: typed text could answer the question ("1", "y"), so this one
      // waits for the idle after all.
      return this.deps.note(
        id,
        `urgent message ${head.id} from ${head.senderName} waits: ${target.name} still asks a question after its interrupt key`,
      );
    } else if (target.status !== 'idle') {
      const waited = Date.now() - (this.interrupted.get(id)?.at ?? Date.now());
      this.deps.note(
        id,
        `urgent message ${head.id} from ${head.senderName} typed while ${target.name} was still ${target.status}, ${waited} ms after its interrupt key`,
      );
    }
    typeLine(agent, deliveryLine(head, target.provider));
    this.gates.set(id, { deliveredAt: Date.now(), sawBusy: false });
    if (head.mode === 'urgent') this.forgetInterrupt(id);
    const settled = this.deps.repo.settle(head.id, 'delivered', null, new Date().toISOString());
    if (settled) this.deps.settled(settled);
    // A target whose status does not move still gets the next one after SETTLE_MS.
    if (this.deps.repo.queue(id).length > 0) this.later(id, SETTLE_MS);
  }

  /** The target ended or was removed: nothing waits for it any more. */
  forget(id: string): void {
    this.gates.delete(id);
    this.forgetInterrupt(id);
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
  }

  close(): void {
    for (const id of new Set([...this.timers.keys(), ...this.interrupted.keys()])) this.forget(id);
  }

  private later(id: string, ms: number): void {
    clearTimeout(this.timers.get(id));
    const timer = setTimeout(() => {
      this.timers.delete(id);
      this.pump(id);
    }, ms);
    timer.unref();
    this.timers.set(id, timer);
  }

  private forgetInterrupt(id: string): void {
    clearTimeout(this.interrupted.get(id)?.timer);
    this.interrupted.delete(id);
  }
}
