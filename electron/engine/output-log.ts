import { createWriteStream, openSync, renameSync, type WriteStream } from 'node:fs';
import { mkdir, open, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

const LOG = 'output.log';
const OLD_LOG = 'output.1.log';
const SNAPSHOT = 'screen.json';

export interface ScreenSnapshotFile {
  cols: number;
  rows: number;
  /** Serialized screen at the moment `logOffset` bytes of output.log had been written. */
  screen: string;
  logOffset: number;
}

/**
 * The raw output of one session on disk: an append-only log capped at `capBytes` (one rotated
 * predecessor kept), plus a periodic snapshot of the serialized screen. Restoring replays the log
 * written after the snapshot, so a crash loses at most what was not yet flushed.
 */
export class OutputLog {
  private stream: WriteStream | undefined;
  private bytes = 0;

  constructor(
    readonly dir: string,
    private readonly capBytes = 2 * 1024 * 1024,
  ) {}

  async open(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const file = path.join(this.dir, LOG);
    try {
      const handle = await open(file, 'a');
      this.bytes = (await handle.stat()).size;
      await handle.close();
    } catch {
      this.bytes = 0;
    }
    this.stream = this.openStream();
  }

  /**
   * Opened synchronously by descriptor: a stream opened by path opens later, so a rotation before that
   * would send its pending output into the new log, after output written later.
   */
  private openStream(): WriteStream {
    const file = path.join(this.dir, LOG);
    return createWriteStream(file, { fd: openSync(file, 'a') });
  }

  /** Bytes in the current log, for the snapshot's offset. */
  get offset(): number {
    return this.bytes;
  }

  get needsRotation(): boolean {
    return this.bytes >= this.capBytes;
  }

  append(data: string): void {
    if (!this.stream) return;
    this.bytes += Buffer.byteLength(data);
    this.stream.write(data);
  }

  /** Starts a new log; the caller snapshots right after, so the old log is only history. */
  rotate(): void {
    const old = this.stream;
    // Synchronous so no output slips between the two files; it happens once per capBytes of output.
    renameSync(path.join(this.dir, LOG), path.join(this.dir, OLD_LOG));
    this.bytes = 0;
    this.stream = this.openStream();
    old?.end();
  }

  async writeSnapshot(snapshot: ScreenSnapshotFile): Promise<void> {
    const tmp = path.join(this.dir, `${SNAPSHOT}.tmp`);
    await writeFile(tmp, JSON.stringify(snapshot));
    await rename(tmp, path.join(this.dir, SNAPSHOT));
  }

  async close(): Promise<void> {
    const stream = this.stream;
    this.stream = undefined;
    if (stream) await new Promise<void>((resolve) => stream.end(resolve));
  }
}

/** What to feed a fresh mirror to show a session's last screen: the snapshot, then the log after it. */
export async function readLastScreen(dir: string): Promise<{ cols?: number; rows?: number; data: string }> {
  let snapshot: ScreenSnapshotFile | undefined;
  try {
    snapshot = JSON.parse(await readFile(path.join(dir, SNAPSHOT), 'utf8')) as ScreenSnapshotFile;
  } catch {
    snapshot = undefined;
  }
  let log: Buffer;
  try {
    log = await readFile(path.join(dir, LOG));
  } catch {
    log = Buffer.alloc(0);
  }
  if (!snapshot) return { data: log.toString('utf8') };
  const offset = Math.min(snapshot.logOffset, log.length);
  return { cols: snapshot.cols, rows: snapshot.rows, data: snapshot.screen + log.subarray(offset).toString('utf8') };
}
