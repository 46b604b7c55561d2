import { open, stat } from 'node:fs/promises';

/** Where reading a transcript stopped: past the last complete line read. */
export interface TranscriptCursor {
  path: string;
  offset: number;
}

export interface ReadResult {
  /** Parsed JSON of each complete line (lines that are not JSON are left out). */
  entries: unknown[];
  /** Where the next read starts. */
  offset: number;
  /** Whether more complete data may follow right away (the read stopped at its byte budget). */
  more: boolean;
  /** The file was shorter than the cursor (truncated or replaced): reading started again at 0. */
  restarted: boolean;
}

/** Bytes read per call: bounded work per tick, however large the file grew since the last one. */
export const READ_BUDGET = 1 << 20;
/** A single line longer than this (a tool result holding a huge file) is skipped rather than buffered. */
export const MAX_LINE = 16 << 20;

/**
 * Reads the complete lines a JSONL transcript gained since `offset`. A partial last line (the CLI is
 * mid-write) is left for the next read; a file now shorter than `offset` is read again from its start.
 * Returns null when the file does not exist (yet).
 */
export async function readTranscript(path: string, offset: number, budget = READ_BUDGET): Promise<ReadResult | null> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const restarted = size < offset;
  let start = restarted ? 0 : offset;
  if (size === start) return { entries: [], offset: start, more: false, restarted };
  const handle = await open(path, 'r');
  try {
    let want = Math.min(budget, size - start);
    for (;;) {
      const buffer = Buffer.alloc(want);
      const { bytesRead } = await handle.read(buffer, 0, want, start);
      const chunk = buffer.subarray(0, bytesRead);
      const end = chunk.lastIndexOf(0x0a);
      if (end >= 0) {
        const entries = parseLines(chunk.subarray(0, end).toString('utf8'));
        const next = start + end + 1;
        return { entries, offset: next, more: next < size && bytesRead === want, restarted };
      }
      // No newline in what is there: a line still being written, or one longer than the budget.
      if (start + bytesRead >= size) return { entries: [], offset: start, more: false, restarted };
      if (want >= MAX_LINE) {
        // Skip the monster line: find its end in later reads by moving past what was seen.
        start += bytesRead;
        want = Math.min(budget, size - start);
        continue;
      }
      want = Math.min(want * 2, MAX_LINE, size - start);
    }
  } finally {
    await handle.close();
  }
}

function parseLines(text: string): unknown[] {
  const entries: unknown[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      entries.push(JSON.parse(line));
    } catch {
      // A line that is not JSON (a CLI crash mid-line, then a newline) is no entry.
    }
  }
  return entries;
}
