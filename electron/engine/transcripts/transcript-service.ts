import { watch, type FSWatcher } from 'node:fs';
import { readTranscript, type TranscriptCursor } from './transcript-file.js';
import { transcriptLocators, type LocateContext, type TranscriptLocator } from './transcript-locators.js';

/**
 * New entries of a session's transcript, in file order, each the parsed JSON of one line exactly as the CLI
 * wrote it (Claude Code: {type:'user'|'assistant', message:{id, model, usage, content}, …}; Codex:
 * {type:'response_item'|'event_msg'|…, payload}). Each entry is delivered once per data directory: the
 * read position is persisted after the listeners ran, so a host restart continues after it.
 */
export type TranscriptListener = (sessionId: string, providerId: string, entries: unknown[]) => void;

/** A watched file is polled on every WATCHED_POLL_EVERY-th tick only. */
const WATCHED_POLL_EVERY = 5;

/** Where each session's read position is kept (the agent-events store, SQLite). */
export interface CursorStore {
  cursor(sessionId: string): TranscriptCursor | undefined;
  saveCursor(sessionId: string, cursor: TranscriptCursor): void;
}

export interface TranscriptServiceOptions {
  cursors: CursorStore;
  locators?: Record<string, TranscriptLocator>;
  /** The slow poll behind fs.watch (which can miss events, e.g. on network file systems): ms. */
  pollMs?: number;
  /** A failure reading one session's transcript; the others go on. */
  onError?(sessionId: string, error: Error): void;
}

interface Tail {
  ctx: LocateContext;
  locate: TranscriptLocator;
  cursor: TranscriptCursor | null;
  watcher: FSWatcher | null;
  reading: Promise<void> | null;
  again: boolean;
  stopped: boolean;
  attempts: number;
}

/**
 * Tails the transcript each live agent's CLI writes, incrementally: finds the file (it may appear only once
 * the first message is sent), reads complete lines from the persisted offset, and hands new entries to the
 * listeners. fs.watch wakes a read at once; a slow poll catches what it misses and files that appear late.
 * One read at a time per session, bounded in bytes per read; async fs only.
 */
export class TranscriptService {
  private readonly tails = new Map<string, Tail>();
  private readonly listeners = new Set<TranscriptListener>();
  private readonly locators: Record<string, TranscriptLocator>;
  private timer: NodeJS.Timeout | null = null;
  private ticks = 0;

  constructor(private readonly options: TranscriptServiceOptions) {
    this.locators = options.locators ?? transcriptLocators;
  }

  /** Subscribes to new entries of every session's transcript; returns the unsubscribe. */
  onEntries(listener: TranscriptListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether Flotilla reads transcripts of this provider's CLI. */
  supports(providerId: string): boolean {
    return Object.hasOwn(this.locators, providerId);
  }

  /** Starts (or restarts, after a resume) tailing a session's transcript; a no-op for CLIs without one. */
  start(ctx: LocateContext): void {
    const locate = this.locators[ctx.providerId];
    if (!locate) return;
    const running = this.tails.get(ctx.sessionId);
    if (running && !running.stopped) {
      running.ctx = ctx;
      this.poke(running);
      return;
    }
    const tail: Tail = {
      ctx,
      locate,
      cursor: null,
      watcher: null,
      reading: null,
      again: false,
      stopped: false,
      attempts: 0,
    };
    this.tails.set(ctx.sessionId, tail);
    this.ensureTimer();
    this.poke(tail);
  }

  /** Reads what is left, then stops tailing (the agent exited). */
  async stop(sessionId: string): Promise<void> {
    const tail = this.tails.get(sessionId);
    if (!tail) return;
    this.poke(tail);
    await this.settled(tail);
    tail.stopped = true;
    tail.watcher?.close();
    if (this.tails.get(sessionId) === tail) this.tails.delete(sessionId);
    if (this.tails.size === 0) this.clearTimer();
  }

  /** Resolves once every read under way or asked for has finished (tests, shutdown). */
  async flush(sessionId: string): Promise<void> {
    const tail = this.tails.get(sessionId);
    if (!tail) return;
    this.poke(tail);
    await this.settled(tail);
  }

  async close(): Promise<void> {
    this.clearTimer();
    const tails = [...this.tails.values()];
    this.tails.clear();
    for (const tail of tails) {
      tail.stopped = true;
      tail.watcher?.close();
    }
    await Promise.all(tails.map((tail) => tail.reading));
  }

  private async settled(tail: Tail): Promise<void> {
    while (tail.reading) await tail.reading;
  }

  private ensureTimer(): void {
    if (this.timer) return;
    // A file fs.watch follows is polled 5 times less often (a safety net, e.g. for network file systems);
    // one not found yet is looked for on every tick. 50 idle sessions cost ~0.1% of a core (measured).
    this.timer = setInterval(() => {
      this.ticks++;
      for (const tail of this.tails.values())
        if (!tail.watcher || this.ticks % WATCHED_POLL_EVERY === 0) this.poke(tail);
    }, this.options.pollMs ?? 2000);
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Asks for a read; one runs at a time per session, and a poke during it makes it read again after. */
  private poke(tail: Tail): void {
    if (tail.stopped) return;
    if (tail.reading) {
      tail.again = true;
      return;
    }
    tail.reading = this.readLoop(tail).finally(() => {
      tail.reading = null;
    });
  }

  private async readLoop(tail: Tail): Promise<void> {
    do {
      tail.again = false;
      try {
        await this.readOnce(tail);
      } catch (error) {
        this.options.onError?.(tail.ctx.sessionId, error as Error);
        return;
      }
    } while (tail.again && !tail.stopped);
  }

  private async readOnce(tail: Tail): Promise<void> {
    const { sessionId, providerId } = tail.ctx;
    if (!tail.cursor) {
      const path = await tail.locate({ ...tail.ctx, attempt: tail.attempts++ });
      if (!path) return;
      const saved = this.options.cursors.cursor(sessionId);
      tail.cursor = saved?.path === path ? saved : { path, offset: 0 };
      this.watchFile(tail, path);
    }
    for (let more = true; more && !tail.stopped;) {
      const cursor: TranscriptCursor = tail.cursor;
      const result = await readTranscript(cursor.path, cursor.offset);
      if (!result) return;
      if (result.entries.length > 0) {
        for (const listener of this.listeners) {
          try {
            listener(sessionId, providerId, result.entries);
          } catch (error) {
            this.options.onError?.(sessionId, error as Error);
          }
        }
      }
      if (result.offset !== cursor.offset) {
        tail.cursor = { path: cursor.path, offset: result.offset };
        this.options.cursors.saveCursor(sessionId, tail.cursor);
      }
      more = result.more;
      // Bounded work per tick: the next chunk waits for the event loop to breathe.
      if (more) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private watchFile(tail: Tail, path: string): void {
    try {
      tail.watcher = watch(path, { persistent: false }, () => this.poke(tail));
      tail.watcher.on('error', () => {
        // The file went (rotated, deleted): the poll finds it again.
        tail.watcher?.close();
        tail.watcher = null;
      });
    } catch {
      tail.watcher = null;
    }
  }
}
