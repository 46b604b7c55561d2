import type { AnyEvent } from '../../shared/contract.js';
import type { OutputFlow } from '../engine/index.js';

/** Above this many sent-but-unrendered characters the session's pty stops being read; below LOW it resumes. */
export const HIGH_WATER_CHARS = 1_000_000;
export const LOW_WATER_CHARS = 250_000;
/** A client that holds a session this long without acknowledging anything stops holding it. */
export const STALL_MS = 10_000;

interface Stream {
  acks: boolean;
  unacked: number;
  heldSince: number | undefined;
}

/**
 * The sessions one client follows, and flow control for those it acknowledges: output sent and not yet
 * rendered is counted, and the session is held above the high-water mark. A client that stops acking
 * stops holding after STALL_MS, so a hung tab never freezes an agent.
 */
export class ClientStreams {
  private readonly streams = new Map<string, Stream>();

  /** Set when the client connected with a session's credential (an agent's `flotilla`): who is asking. */
  sessionId?: string;

  constructor(
    private readonly clientId: string,
    private readonly runtimeOf: (sessionId: string) => OutputFlow | undefined,
    private readonly stallMs = STALL_MS,
  ) {}

  follow(sessionId: string, acks: boolean): void {
    this.release(sessionId);
    this.streams.set(sessionId, { acks, unacked: 0, heldSince: undefined });
  }

  unfollow(sessionId: string): void {
    this.release(sessionId);
    this.streams.delete(sessionId);
  }

  follows(sessionId: string): boolean {
    return this.streams.has(sessionId);
  }

  /** Whether this client gets the event: output only for sessions it follows (and then it is counted). */
  accepts(event: AnyEvent): boolean {
    if (event.name === 'session.output') {
      if (!this.follows(event.payload.id)) return false;
      this.sent(event.payload.id, event.payload.data.length);
    }
    if (event.name === 'session.removed') this.unfollow(event.payload.id);
    return true;
  }

  /** Counts output about to be sent to this client. */
  sent(sessionId: string, chars: number): void {
    const stream = this.streams.get(sessionId);
    if (!stream?.acks) return;
    stream.unacked += chars;
    if (stream.heldSince === undefined && stream.unacked > HIGH_WATER_CHARS) {
      stream.heldSince = Date.now();
      this.runtimeOf(sessionId)?.hold(this.reason());
      setTimeout(() => this.checkStall(sessionId), this.stallMs + 10).unref();
    }
  }

  ack(sessionId: string, chars: number): void {
    const stream = this.streams.get(sessionId);
    if (!stream) return;
    stream.unacked = Math.max(0, stream.unacked - chars);
    if (stream.heldSince !== undefined && stream.unacked < LOW_WATER_CHARS) this.release(sessionId);
    else if (stream.heldSince !== undefined) stream.heldSince = Date.now();
  }

  unacked(sessionId: string): number {
    return this.streams.get(sessionId)?.unacked ?? 0;
  }

  dispose(): void {
    for (const sessionId of this.streams.keys()) this.release(sessionId);
    this.streams.clear();
  }

  private checkStall(sessionId: string): void {
    const stream = this.streams.get(sessionId);
    if (!stream || stream.heldSince === undefined) return;
    if (Date.now() - stream.heldSince >= this.stallMs) {
      stream.acks = false;
      this.release(sessionId);
    } else {
      setTimeout(() => this.checkStall(sessionId), this.stallMs).unref();
    }
  }

  private release(sessionId: string): void {
    const stream = this.streams.get(sessionId);
    if (stream) {
      stream.heldSince = undefined;
    }
    this.runtimeOf(sessionId)?.release(this.reason());
  }

  private reason(): string {
    return `client:${this.clientId}`;
  }
}
