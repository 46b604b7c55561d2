import type Database from 'better-sqlite3';

/** A session's block of ports: first, first+1, … first+size-1. */
export interface PortBlock {
  sessionId: string;
  firstPort: number;
  size: number;
}

interface Row {
  session_id: string;
  first_port: number;
  size: number;
}

const toBlock = (row: Row): PortBlock => ({ sessionId: row.session_id, firstPort: row.first_port, size: row.size });

/** Each session's port block (table session_ports, migration 016); a block goes with its session's record. */
export class PortRepository {
  constructor(private readonly db: Database.Database) {}

  get(sessionId: string): PortBlock | undefined {
    const row = this.db.prepare<[string], Row>('SELECT * FROM session_ports WHERE session_id = ?').get(sessionId);
    return row && toBlock(row);
  }

  list(): PortBlock[] {
    return this.db.prepare<[], Row>('SELECT * FROM session_ports ORDER BY first_port').all().map(toBlock);
  }

  /** Gives (or moves) the session's block. */
  set(block: PortBlock): void {
    this.db
      .prepare(
        `INSERT INTO session_ports (session_id, first_port, size, assigned_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(session_id) DO UPDATE SET first_port = excluded.first_port, size = excluded.size,
           assigned_at = excluded.assigned_at`,
      )
      .run(block.sessionId, block.firstPort, block.size, new Date().toISOString());
  }

  release(sessionId: string): void {
    this.db.prepare('DELETE FROM session_ports WHERE session_id = ?').run(sessionId);
  }
}
