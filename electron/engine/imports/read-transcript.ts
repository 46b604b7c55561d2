import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';

/** Enough of a transcript's start for its id, folder and first prompt (Codex's first line alone is ~20 KB). */
export const HEAD_BYTES = 256 * 1024;
/** Past this much of one file the count stops: a listing must not read a 1 GB transcript through. */
const COUNT_BYTES = 64 * 1024 * 1024;

/**
 * The whole lines at the start of a JSONL file, each parsed (lines that are not JSON are left out), and
 * the raw text read, for fields of a first line too long to end within the head.
 */
export async function readHead(
  file: string,
  bytes = HEAD_BYTES,
): Promise<{ entries: unknown[]; text: string; cut: boolean }> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    const lines = text.split('\n');
    // The last piece is cut mid-line unless the file ended within the head.
    if (bytesRead === bytes) lines.pop();
    const entries: unknown[] = [];
    for (const line of lines) {
      if (!line.trim()) continue;
      try {
        entries.push(JSON.parse(line));
      } catch {
        // A torn or foreign line: the rest of the file may still be good.
      }
    }
    return { entries, text, cut: bytesRead === bytes };
  } finally {
    await handle.close();
  }
}

/** Counts lines that pass `test`, streaming (without parsing them), up to COUNT_BYTES of the file. */
export async function countLines(file: string, test: (line: string) => boolean): Promise<number> {
  const stream = createReadStream(file, { encoding: 'utf8', end: COUNT_BYTES - 1 });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let count = 0;
  try {
    for await (const line of lines) if (test(line)) count++;
  } finally {
    stream.destroy();
  }
  return count;
}

/** A value read off an untyped JSON entry, or undefined. */
export function field(value: unknown, ...keys: string[]): unknown {
  let at = value;
  for (const key of keys) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A prompt as a one-line summary for a listing. */
export function promptSummary(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
