import { createWriteStream, fstatSync, openSync, renameSync, type WriteStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, truncate, writeFile } from 'node:fs/promises';
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
  /**
   * Which log file `logOffset` is in (its inode): a host that dies after a rotation but before the next
   * snapshot lands leaves a snapshot whose offset is in the rotated log, not the current one.
   */
  logId?: number;
}

/**
 * The raw output of one session on disk: an append-only log capped at `capBytes` (one rotated
 * predecessor kept), plus a periodic snapshot of the serialized screen. Restoring replays the log
 * written after the snapshot, so a crash loses at most what was not yet flushed.
 */
export class OutputLog {
  private stream: WriteStream | undefined;
  private bytes = 0;
  private logId = 0;
  private failed = false;

  constructor(
    readonly dir: string,
    private readonly capBytes = 2 * 1024 * 1024,
    /** Told once when writing fails (disk full, permissions); logging stops, the session goes on. */
    private readonly onError: (error: Error) => void = () => undefined,
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
    const fd = openSync(file, 'a');
    this.logId = fstatSync(fd).ino;
    const stream = createWriteStream(file, { fd });
    stream.on('error', (error) => this.fail(error));
    return stream;
  }

  /**
   * Stops logging after a write error. On a full disk the raw logs are emptied to give the database room
   * to record what happened; the last screen snapshot stays, so the screen still restores.
   */
  private fail(error: Error): void {
    if (this.failed) return;
    this.failed = true;
    this.stream?.destroy();
    this.stream = undefined;
    if ((error as NodeJS.ErrnoException).code === 'ENOSPC') {
      // The screen snapshot keeps the last screen; the raw logs are what can be given up.
      void Promise.all([rm(path.join(this.dir, OLD_LOG), { force: true }), truncate(path.join(this.dir, LOG), 0)])
        .catch(() => undefined)
        .then(() => this.onError(error));
    } else {
      this.onError(error);
    }
  }

  /** Bytes in the current log, for the snapshot's offset. */
  get offset(): number {
    return this.bytes;
  }

  /** Where a snapshot taken now starts replaying: this log file, this many bytes in. */
  position(): { logOffset: number; logId: number } {
    return { logOffset: this.bytes, logId: this.logId };
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
    if (this.failed) return;
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

async function readLog(file: string): Promise<{ data: Buffer; id: number | undefined }> {
  try {
    const [data, info] = await Promise.all([readFile(file), stat(file)]);
    return { data, id: info.ino };
  } catch {
    return { data: Buffer.alloc(0), id: undefined };
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
  const log = await readLog(path.join(dir, LOG));
  if (!snapshot) return { data: log.data.toString('utf8') };
  const size = { cols: snapshot.cols, rows: snapshot.rows };
  if (snapshot.logId !== undefined && snapshot.logId !== log.id) {
    // Taken before the last rotation: replay the rest of the rotated log, then all of the current one.
    const old = await readLog(path.join(dir, OLD_LOG));
    const rest =
      old.id === snapshot.logId ? old.data.subarray(Math.min(snapshot.logOffset, old.data.length)) : Buffer.alloc(0);
    return { ...size, data: snapshot.screen + Buffer.concat([rest, log.data]).toString('utf8') };
  }
  const offset = Math.min(snapshot.logOffset, log.data.length);
  return { ...size, data: snapshot.screen + log.data.subarray(offset).toString('utf8') };
}
