import type Database from 'better-sqlite3';
import type { AgentEvent, AgentEventDraft, AgentEventKind, ToolOutcome } from '../../shared/agent-events.js';

/** How far a session's transcript was read (the engine's TranscriptCursor). */
interface TranscriptCursor {
  path: string;
  offset: number;
}

interface AgentEventRow {
  seq: number;
  session_id: string;
  kind: AgentEventKind;
  at: string;
  source: AgentEvent['source'];
  text: string | null;
  tool: string | null;
  call_id: string | null;
  input: string | null;
  outcome: ToolOutcome | null;
  path: string | null;
}

function toEvent(row: AgentEventRow): AgentEvent {
  return {
    seq: row.seq,
    sessionId: row.session_id,
    kind: row.kind,
    at: row.at,
    source: row.source,
    text: row.text,
    tool: row.tool,
    callId: row.call_id,
    input: row.input,
    outcome: row.outcome,
    path: row.path,
  };
}

/** The agent_events and transcript_cursors tables: typed session events, and how far each transcript was read. */
export class AgentEventRepository {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      insert: db.prepare<[Record<string, unknown>]>(
        `INSERT OR IGNORE INTO agent_events (session_id, source_key, kind, at, source, text, tool, call_id, input, outcome, path)
         VALUES (@sessionId, @key, @kind, @at, @source, @text, @tool, @callId, @input, @outcome, @path)`,
      ),
      get: db.prepare<[number], AgentEventRow>('SELECT * FROM agent_events WHERE seq = ?'),
      has: db.prepare<[string, string], { one: number }>(
        'SELECT 1 AS one FROM agent_events WHERE session_id = ? AND source_key = ?',
      ),
      list: db.prepare<[string, number, number], AgentEventRow>(
        'SELECT * FROM agent_events WHERE session_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      ),
      toolOf: db.prepare<[string, string], { tool: string | null; path: string | null }>(
        `SELECT tool, path FROM agent_events WHERE session_id = ? AND call_id = ? AND kind = 'tool.invoked'`,
      ),
      cursor: db.prepare<[string], { path: string; offset: number }>(
        'SELECT path, offset FROM transcript_cursors WHERE session_id = ?',
      ),
      saveCursor: db.prepare<[string, string, number]>(
        `INSERT INTO transcript_cursors (session_id, path, offset) VALUES (?, ?, ?)
         ON CONFLICT (session_id) DO UPDATE SET path = excluded.path, offset = excluded.offset`,
      ),
      sessionExists: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM sessions WHERE id = ?'),
    };
  }

  /**
   * Records the drafts not recorded before (by source key), in order, in one transaction; returns the new
   * events. A tool.completed (or file event) takes the tool name and file of its tool.invoked when it has none.
   */
  record(sessionId: string, drafts: AgentEventDraft[]): AgentEvent[] {
    if (drafts.length === 0 || !this.statements.sessionExists.get(sessionId)) return [];
    return this.db.transaction(() => {
      const added: AgentEvent[] = [];
      for (const draft of drafts) {
        const row = { ...draft, sessionId };
        if (draft.callId && draft.kind !== 'tool.invoked' && (!draft.tool || !draft.path)) {
          const invoked = this.statements.toolOf.get(sessionId, draft.callId);
          row.tool = draft.tool ?? invoked?.tool ?? null;
          if (draft.kind === 'tool.completed') row.path = draft.path ?? invoked?.path ?? null;
        }
        const result = this.statements.insert.run(row);
        if (result.changes === 1) added.push(toEvent(this.statements.get.get(Number(result.lastInsertRowid))!));
      }
      return added;
    })();
  }

  /** Whether the event under this source key (a transcript line, a call id) is recorded already. */
  has(sessionId: string, key: string): boolean {
    return this.statements.has.get(sessionId, key) !== undefined;
  }

  /** A session's events after `after` (seq), oldest first, at most `limit`. */
  list(sessionId: string, after = 0, limit = 1000): AgentEvent[] {
    return this.statements.list.all(sessionId, after, limit).map(toEvent);
  }

  cursor(sessionId: string): TranscriptCursor | undefined {
    return this.statements.cursor.get(sessionId);
  }

  saveCursor(sessionId: string, cursor: TranscriptCursor): void {
    // A session removed while its transcript was read has no row to keep a cursor for.
    if (!this.statements.sessionExists.get(sessionId)) return;
    this.statements.saveCursor.run(sessionId, cursor.path, cursor.offset);
  }
}
