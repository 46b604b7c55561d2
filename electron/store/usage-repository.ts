import type Database from 'better-sqlite3';
import type { TokenCounts } from '../../shared/usage.js';

/**
 * One usage record read from a transcript (engine/usage/ reads them).
 * - `message`: the whole usage of one model reply, keyed by its id (Claude Code writes one entry per content
 *   block, each with the same id and usage: counted once).
 * - `cumulative`: a running total since the agent process started (Codex's token_count); counted as the
 *   step from the last value stored for `key`, so reading it again adds nothing.
 */
export interface UsageItem extends TokenCounts {
  kind: 'message' | 'cumulative';
  key: string;
  /** The model id the CLI recorded; null when the transcript did not say. */
  model: string | null;
  /** The entry's timestamp (ISO, UTC). */
  at: string;
}

/** Tokens of one session, one model, one UTC day. */
export interface UsageTotals extends TokenCounts {
  sessionId: string;
  model: string | null;
  day: string;
}

interface CountsRow {
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
}

interface CounterRow extends CountsRow {
  at: string;
}

const fromRow = (row: CountsRow): TokenCounts => ({
  inputTokens: row.input_tokens,
  outputTokens: row.output_tokens,
  cacheReadTokens: row.cache_read_tokens,
  cacheWriteTokens: row.cache_write_tokens,
});

const FIELDS = ['inputTokens', 'outputTokens', 'cacheReadTokens', 'cacheWriteTokens'] as const;

/**
 * Usage rows (migration 010). Recording is idempotent: a reply's id counts once (its largest counts kept),
 * and a cumulative counter adds only the step from its stored value, for entries newer than it, so reading
 * a transcript again after a restart or a resume adds nothing.
 */
export class UsageRepository {
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    this.stmts = {
      upsertMessage: db.prepare(
        `INSERT INTO session_usage (session_id, key, model, day, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens)
         VALUES (@sessionId, @key, @model, @day, @inputTokens, @outputTokens, @cacheReadTokens, @cacheWriteTokens)
         ON CONFLICT (session_id, key) DO UPDATE SET
           model = COALESCE(model, excluded.model),
           input_tokens = MAX(input_tokens, excluded.input_tokens),
           output_tokens = MAX(output_tokens, excluded.output_tokens),
           cache_read_tokens = MAX(cache_read_tokens, excluded.cache_read_tokens),
           cache_write_tokens = MAX(cache_write_tokens, excluded.cache_write_tokens)
         WHERE excluded.input_tokens > input_tokens OR excluded.output_tokens > output_tokens
           OR excluded.cache_read_tokens > cache_read_tokens OR excluded.cache_write_tokens > cache_write_tokens
           OR (model IS NULL AND excluded.model IS NOT NULL)`,
      ),
      counter: db.prepare<[string, string], CounterRow>(
        'SELECT * FROM usage_counters WHERE session_id = ? AND counter = ?',
      ),
      setCounter: db.prepare(
        `INSERT INTO usage_counters (session_id, counter, at, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens)
         VALUES (@sessionId, @key, @at, @inputTokens, @outputTokens, @cacheReadTokens, @cacheWriteTokens)
         ON CONFLICT (session_id, counter) DO UPDATE SET at = excluded.at, input_tokens = excluded.input_tokens,
           output_tokens = excluded.output_tokens, cache_read_tokens = excluded.cache_read_tokens,
           cache_write_tokens = excluded.cache_write_tokens`,
      ),
      lastModel: db.prepare<[string], { model: string }>(
        'SELECT model FROM session_usage WHERE session_id = ? AND model IS NOT NULL ORDER BY day DESC, rowid DESC LIMIT 1',
      ),
      totals: db.prepare<[], CountsRow & { session_id: string; model: string | null; day: string }>(
        `SELECT session_id, model, day, SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens,
           SUM(cache_read_tokens) AS cache_read_tokens, SUM(cache_write_tokens) AS cache_write_tokens
         FROM session_usage GROUP BY session_id, model, day`,
      ),
      sessionTotals: db.prepare<[string], CountsRow & { session_id: string; model: string | null; day: string }>(
        `SELECT session_id, model, day, SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens,
           SUM(cache_read_tokens) AS cache_read_tokens, SUM(cache_write_tokens) AS cache_write_tokens
         FROM session_usage WHERE session_id = ? GROUP BY model, day`,
      ),
    };
  }

  /** Records a session's items; true when its totals changed. */
  record(sessionId: string, items: readonly UsageItem[]): boolean {
    return this.db.transaction(() => {
      let changed = false;
      for (const item of items) {
        changed =
          (item.kind === 'message' ? this.recordMessage(sessionId, item) : this.recordStep(sessionId, item)) || changed;
      }
      return changed;
    })();
  }

  private recordMessage(sessionId: string, item: UsageItem): boolean {
    return this.stmts.upsertMessage.run({ ...item, sessionId, day: item.at.slice(0, 10) }).changes > 0;
  }

  private recordStep(sessionId: string, item: UsageItem): boolean {
    const stored = this.stmts.counter.get(sessionId, item.key);
    if (stored && item.at <= stored.at) return false; // counted when it was first read
    const last = stored ? fromRow(stored) : null;
    // A total below the stored one is a new agent process counting from zero (a resume): all of it is new.
    const base = last && FIELDS.every((f) => item[f] >= last[f]) ? last : null;
    const step = Object.fromEntries(FIELDS.map((f) => [f, item[f] - (base?.[f] ?? 0)])) as unknown as TokenCounts;
    this.stmts.setCounter.run({ ...item, sessionId });
    if (FIELDS.every((f) => step[f] === 0)) return false;
    const key = `${item.key}@${item.at}`;
    return (
      this.stmts.upsertMessage.run({ ...step, key, model: item.model, sessionId, day: item.at.slice(0, 10) }).changes >
      0
    );
  }

  /** The model the session's latest counted reply came from. */
  lastModel(sessionId: string): string | null {
    return this.stmts.lastModel.get(sessionId)?.model ?? null;
  }

  /** Tokens per session, model and day (one session's, or every session's). */
  totals(sessionId?: string): UsageTotals[] {
    const rows =
      sessionId === undefined
        ? this.stmts.totals.all()
        : this.stmts.sessionTotals.all(sessionId).map((r) => ({ ...r, session_id: sessionId }));
    return rows.map((row) => ({ sessionId: row.session_id, model: row.model, day: row.day, ...fromRow(row) }));
  }
}
