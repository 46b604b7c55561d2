import type Database from 'better-sqlite3';
import type { AgentMessage, MessageMode } from '../../shared/coordination.js';

/** A message as stored: the contract's AgentMessage plus the target's name at sending time. */
export interface MessageRecord extends AgentMessage {
  targetName: string;
}

export interface NewMessage {
  targetId: string;
  targetName: string;
  senderId: string | null;
  senderName: string;
  text: string;
  mode: MessageMode;
  createdAt: string;
}

export interface WatchRecord {
  id: number;
  targetId: string;
  targetName: string;
  watcherId: string;
  seconds: number;
  createdAt: string;
  deadlineAt: string;
}

interface MessageRow {
  id: number;
  target_id: string;
  target_name: string;
  sender_id: string | null;
  sender_name: string;
  text: string;
  mode: MessageMode;
  state: AgentMessage['state'];
  error: string | null;
  created_at: string;
  settled_at: string | null;
}

interface WatchRow {
  id: number;
  target_id: string;
  target_name: string;
  watcher_id: string;
  seconds: number;
  created_at: string;
  deadline_at: string;
}

const fromRow = (row: MessageRow): MessageRecord => ({
  id: row.id,
  targetId: row.target_id,
  targetName: row.target_name,
  senderId: row.sender_id,
  senderName: row.sender_name,
  text: row.text,
  mode: row.mode,
  state: row.state,
  error: row.error,
  createdAt: row.created_at,
  settledAt: row.settled_at,
});

const fromWatchRow = (row: WatchRow): WatchRecord => ({
  id: row.id,
  targetId: row.target_id,
  targetName: row.target_name,
  watcherId: row.watcher_id,
  seconds: row.seconds,
  createdAt: row.created_at,
  deadlineAt: row.deadline_at,
});

/** Delivery order of a target's queue: urgent, then important, then sequential; first come first within a mode. */
const QUEUE_ORDER = `CASE mode WHEN 'urgent' THEN 0 WHEN 'important' THEN 1 ELSE 2 END, id`;

/** Messages and watches (migration 012). */
export class MessageRepository {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      insert: db.prepare(
        `INSERT INTO messages (target_id, target_name, sender_id, sender_name, text, mode, state, created_at)
         VALUES (@targetId, @targetName, @senderId, @senderName, @text, @mode, 'queued', @createdAt)`,
      ),
      get: db.prepare<[number], MessageRow>('SELECT * FROM messages WHERE id = ?'),
      settle: db.prepare(
        `UPDATE messages SET state = @state, error = @error, settled_at = @settledAt WHERE id = @id AND state = 'queued'`,
      ),
      involving: db.prepare<[string, string], MessageRow>(
        'SELECT * FROM messages WHERE target_id = ? OR sender_id = ? ORDER BY id',
      ),
      queue: db.prepare<[string], MessageRow>(
        `SELECT * FROM messages WHERE target_id = ? AND state = 'queued' ORDER BY ${QUEUE_ORDER}`,
      ),
      queuedTargets: db.prepare<[], { target_id: string }>(
        `SELECT DISTINCT target_id FROM messages WHERE state = 'queued'`,
      ),
      insertWatch: db.prepare(
        `INSERT INTO watches (target_id, target_name, watcher_id, seconds, created_at, deadline_at)
         VALUES (@targetId, @targetName, @watcherId, @seconds, @createdAt, @deadlineAt)`,
      ),
      getWatch: db.prepare<[number], WatchRow>('SELECT * FROM watches WHERE id = ?'),
      watches: db.prepare<[], WatchRow>('SELECT * FROM watches ORDER BY id'),
      deleteWatch: db.prepare<[number]>('DELETE FROM watches WHERE id = ?'),
    };
  }

  add(message: NewMessage): MessageRecord {
    const id = Number(this.stmts.insert.run(message).lastInsertRowid);
    return this.get(id)!;
  }

  get(id: number): MessageRecord | undefined {
    const row = this.stmts.get.get(id);
    return row ? fromRow(row) : undefined;
  }

  /** Marks a queued message delivered or failed; undefined when it was settled already. */
  settle(id: number, state: 'delivered' | 'failed', error: string | null, at: string): MessageRecord | undefined {
    const changed = this.stmts.settle.run({ id, state, error, settledAt: at }).changes > 0;
    return changed ? this.get(id) : undefined;
  }

  /** Messages to and from a session, oldest first. */
  involving(sessionId: string): MessageRecord[] {
    return this.stmts.involving.all(sessionId, sessionId).map(fromRow);
  }

  /** Messages to a session not settled yet, in delivery order. */
  queue(targetId: string): MessageRecord[] {
    return this.stmts.queue.all(targetId).map(fromRow);
  }

  /** Sessions with queued messages. */
  queuedTargets(): string[] {
    return this.stmts.queuedTargets.all().map((row) => row.target_id);
  }

  addWatch(watch: Omit<WatchRecord, 'id'>): WatchRecord {
    const id = Number(this.stmts.insertWatch.run(watch).lastInsertRowid);
    return fromWatchRow(this.stmts.getWatch.get(id)!);
  }

  watches(): WatchRecord[] {
    return this.stmts.watches.all().map(fromWatchRow);
  }

  /** Removes a watch; false when it was gone already (it fired). */
  deleteWatch(id: number): boolean {
    return this.stmts.deleteWatch.run(id).changes > 0;
  }
}

/** The contract's view of a stored message. */
export function toAgentMessage({ targetName: _name, ...message }: MessageRecord): AgentMessage {
  return message;
}
