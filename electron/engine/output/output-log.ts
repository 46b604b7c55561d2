import type { WriteStream } from 'node:fs';
import { chmod, mkdir, open, readFile, rename, rm, stat, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';

const LOG = 'output.log';
const OLD_LOG = 'output.1.log';
/** The log that takes over at the next rotation, opened ahead of time (from half the cap on). */
const NEXT_LOG = 'output.next.log';
const SNAPSHOT = 'screen.json';
/** What an agent prints can hold secrets (tokens, file contents): readable by the user only. */
const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

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

interface OpenLog {
  stream: WriteStream;
  bytes: number;
  id: number;
}

/**
 * The raw output of one session on disk: an append-only log capped at `capBytes` (one rotated
 * predecessor kept), plus a periodic snapshot of the serialized screen. Restoring replays the log
 * written after the snapshot, so a crash loses at most what was not yet flushed.
 *
 * Rotation happens at the write that reaches the cap (a timer alone let a flood grow the log to tens of
 * MB between two ticks), without a synchronous fs call on the pty's data path: the next log is opened
 * ahead of time as output.next.log, writing switches to it at once, and the renames follow
 * asynchronously. So a log ends at most one write (one pty read) past the cap; only when output comes
 * faster than the next file can be opened does the old one take what arrives meanwhile.
 * A crash between the switch and the renames leaves the latest output in output.next.log, which the next
 * open discards (the screen snapshot still restores the screen as of its last tick).
 */
export class OutputLog {
  private stream: WriteStream | undefined;
  private bytes = 0;
  private logId = 0;
  private failed = false;
  private rotation: Promise<void> | undefined;
  /** The next log, once open; `spareOpening` while it is being opened; `spareOnDisk` until it is renamed. */
  private spare: OpenLog | undefined;
  private spareOpening: Promise<void> | undefined;
  private spareOnDisk = false;
  /** Told after each rotation (the runtime snapshots the screen, so the snapshot names a log that still exists). */
  onRotated: () => void = () => undefined;

  constructor(
    readonly dir: string,
    private readonly capBytes = 2 * 1024 * 1024,
    /** Told once when writing fails (disk full, permissions); logging stops, the session goes on. */
    private readonly onError: (error: Error) => void = () => undefined,
  ) {}

  async open(): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: DIR_MODE });
    // A log left by an older version may be world-readable; a rotated one is replaced by the next rotation.
    await Promise.all([LOG, OLD_LOG].map((name) => chmodIfExists(path.join(this.dir, name))));
    this.use(await this.openStream(LOG, 'a'));
  }

  /**
   * Opened by descriptor before the stream exists: a stream opened by path opens later, so a rotation
   * before that would send its pending output into the new log, after output written later.
   */
  private async openStream(name: string, flags: 'a' | 'w'): Promise<OpenLog> {
    const handle = await open(path.join(this.dir, name), flags, FILE_MODE);
    const info = await handle.stat();
    const stream = handle.createWriteStream();
    stream.on('error', (error) => this.fail(error));
    return { stream, bytes: info.size, id: info.ino };
  }

  /** Switches writing (and what position() names) to `log` in one step. */
  private use(log: OpenLog): void {
    this.stream = log.stream;
    this.bytes = log.bytes;
    this.logId = log.id;
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
      this.spare?.stream.destroy();
      this.spare = undefined;
      const gone = [OLD_LOG, NEXT_LOG].map((name) => rm(path.join(this.dir, name), { force: true }));
      void Promise.all([...gone, truncate(path.join(this.dir, LOG), 0)])
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
    if (this.bytes >= this.capBytes / 2) this.prepareSpare();
    if (this.needsRotation) void this.rotate();
  }

  /**
   * Moves the log to output.1.log (replacing the previous one) and starts an empty log. One rotation at a
   * time: a call while one is under way joins it. position() names the old file until the switch.
   */
  rotate(): Promise<void> {
    if (this.failed || !this.stream) return Promise.resolve();
    this.rotation ??= this.switchFiles().finally(() => {
      this.rotation = undefined;
      if (this.needsRotation) void this.rotate();
    });
    return this.rotation;
  }

  private prepareSpare(): void {
    // While a rotation's renames are under way the current log is still named output.next.log.
    if (this.spare || this.spareOpening || this.spareOnDisk || this.failed) return;
    this.spareOnDisk = true;
    this.spareOpening = this.openStream(NEXT_LOG, 'w')
      .then(
        (log) => {
          if (this.failed || !this.stream) log.stream.destroy();
          else this.spare = log;
        },
        (error: unknown) => this.fail(error instanceof Error ? error : new Error(String(error))),
      )
      .finally(() => (this.spareOpening = undefined));
  }

  private async switchFiles(): Promise<void> {
    const old = this.stream;
    this.prepareSpare();
    // Normally ready (opened from half the cap on): then the switch below happens within this append.
    if (!this.spare) await this.spareOpening;
    const next = this.spare;
    this.spare = undefined;
    if (!next || !old || this.stream !== old || this.failed) {
      next?.stream.destroy();
      return;
    }
    this.use(next);
    old.end();
    try {
      await rename(path.join(this.dir, LOG), path.join(this.dir, OLD_LOG));
      await rename(path.join(this.dir, NEXT_LOG), path.join(this.dir, LOG));
      this.spareOnDisk = false;
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (this.bytes >= this.capBytes / 2) this.prepareSpare();
    this.onRotated();
  }

  async writeSnapshot(snapshot: ScreenSnapshotFile): Promise<void> {
    const tmp = path.join(this.dir, `${SNAPSHOT}.tmp`);
    await writeFile(tmp, JSON.stringify(snapshot), { mode: FILE_MODE });
    await rename(tmp, path.join(this.dir, SNAPSHOT));
  }

  async close(): Promise<void> {
    while (this.rotation) await this.rotation;
    const stream = this.stream;
    this.stream = undefined;
    await this.spareOpening;
    this.spare?.stream.destroy();
    this.spare = undefined;
    if (this.spareOnDisk) await rm(path.join(this.dir, NEXT_LOG), { force: true }).catch(() => undefined);
    if (stream) await new Promise<void>((resolve) => stream.end(resolve));
  }
}

async function chmodIfExists(file: string): Promise<void> {
  try {
    const info = await stat(file);
    if ((info.mode & 0o777) !== FILE_MODE) await chmod(file, FILE_MODE);
  } catch {
    // not there: it will be created with FILE_MODE
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
    // Two rotations since the snapshot (a flood between two ticks): the snapshot's log is gone, so replay
    // all that is left; a terminal redrawn from too much output ends on the right screen, from too little not.
    const rest =
      old.id === snapshot.logId ? old.data.subarray(Math.min(snapshot.logOffset, old.data.length)) : old.data;
    return { ...size, data: snapshot.screen + Buffer.concat([rest, log.data]).toString('utf8') };
  }
  const offset = Math.min(snapshot.logOffset, log.data.length);
  return { ...size, data: snapshot.screen + log.data.subarray(offset).toString('utf8') };
}
