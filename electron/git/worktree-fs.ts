import { randomBytes } from 'node:crypto';
import { constants, createWriteStream, type Stats } from 'node:fs';
import {
  access,
  lstat,
  mkdir,
  open,
  readlink,
  realpath,
  rename,
  rm,
  rmdir,
  symlink,
  unlink,
  writeFile,
  type FileHandle,
} from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { FlotillaError } from '../../shared/errors.js';
import { removeTreeAt } from './worktree-fs-remove.js';

/**
 * File operations on a client's path inside a session's worktree that act on what was checked, even while
 * the agent swaps a folder on the way for a symlink to somewhere else.
 *
 * Node has no openat, but Linux's /proc/self/fd/<fd> is a link the kernel resolves to the opened folder
 * itself: each folder on the path is opened from the one before with O_NOFOLLOW (a symlink is refused), the
 * last one stays open, and every operation names `/proc/self/fd/<fd>/<name>`. A swap after that cannot
 * redirect it. The final entry is opened with O_NOFOLLOW, or lstat'ed, renamed onto, unlinked: never followed.
 * A folder the agent moves elsewhere after we opened it is its own folder, which it could write anyway.
 *
 * Where /proc is missing (macOS), the fallback checks each folder with lstat and re-checks the parent's
 * realpath immediately before each operation: a narrow window remains there, not closed.
 */

const DIR_FLAGS = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;
const READ_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

let procFd: Promise<boolean> | null = null;
/** Whether /proc/self/fd works here (Linux); tests may turn it off to exercise the fallback. */
export function anchoredByProc(): Promise<boolean> {
  procFd ??= access('/proc/self/fd', constants.R_OK).then(
    () => true,
    () => false,
  );
  return procFd;
}
export function useProcForTests(on: boolean): void {
  procFd = Promise.resolve(on);
}

function invalid(file: string, why: string): FlotillaError {
  return new FlotillaError('INVALID_PATH', `"${file}" ${why}`);
}

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** The parts of a worktree-relative path (already confined by confineToWorktree; re-checked here). */
function partsOf(file: string): string[] {
  const parts = file.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.length === 0 || parts.includes('..') || file.includes('\0')) throw invalid(file, 'is not a worktree path');
  return parts;
}

/** The folder holding a path's last part, opened so that later operations reach exactly it. */
interface Parent {
  /** Where the final entry is, for one operation (the fallback re-checks the parent first). */
  entry(name?: string): Promise<string>;
  name: string;
  close(): Promise<void>;
}

async function refuse(file: string, at: string, part: string): Promise<never> {
  const stats = await lstat(at).catch(() => null);
  throw invalid(
    file,
    stats?.isSymbolicLink() ? `leads through a symlink ("${part}")` : `leads through "${part}", which is not a folder`,
  );
}

async function openParentByProc(root: string, file: string, parts: string[], create: boolean): Promise<Parent | null> {
  let dir: FileHandle = await open(root, constants.O_RDONLY | constants.O_DIRECTORY);
  try {
    for (const part of parts.slice(0, -1)) {
      const at = `/proc/self/fd/${dir.fd}/${part}`;
      let next: FileHandle | null = null;
      for (let attempt = 0; next === null; attempt += 1) {
        try {
          next = await open(at, DIR_FLAGS);
        } catch (error) {
          if (code(error) === 'ENOTDIR' || code(error) === 'ELOOP') await refuse(file, at, part);
          if (code(error) !== 'ENOENT') throw error;
          if (!create) {
            await dir.close();
            return null;
          }
          if (attempt > 2) throw error;
          await mkdir(at).catch((e: unknown) => {
            if (code(e) !== 'EEXIST') throw e;
          });
        }
      }
      await dir.close();
      dir = next;
    }
  } catch (error) {
    await dir.close();
    throw error;
  }
  const held = dir;
  const name = parts[parts.length - 1] ?? '';
  return {
    name,
    entry: async (other = name) => `/proc/self/fd/${held.fd}/${other}`,
    close: () => held.close(),
  };
}

/** Fallback without /proc: lstat each folder, then re-check the parent's realpath before each operation. */
async function openParentByPath(root: string, file: string, parts: string[], create: boolean): Promise<Parent | null> {
  const realRoot = await realpath(root);
  let dir = realRoot;
  for (const part of parts.slice(0, -1)) {
    const at = path.join(dir, part);
    const stats = await lstat(at).catch((error: unknown) => {
      if (code(error) !== 'ENOENT') throw error;
      return null;
    });
    if (stats === null) {
      if (!create) return null;
      await mkdir(at).catch((e: unknown) => {
        if (code(e) !== 'EEXIST') throw e;
      });
    } else if (!stats.isDirectory()) await refuse(file, at, part);
    dir = at;
  }
  const parent = dir;
  const name = parts[parts.length - 1] ?? '';
  return {
    name,
    entry: async (other = name) => {
      if ((await realpath(parent).catch(() => null)) !== parent) throw invalid(file, 'leads through a symlink');
      return path.join(parent, other);
    },
    close: async () => undefined,
  };
}

async function withParent<T>(
  worktree: string,
  file: string,
  create: boolean,
  fn: (parent: Parent) => Promise<T>,
): Promise<T | null> {
  const parts = partsOf(file);
  const open = (await anchoredByProc()) ? openParentByProc : openParentByPath;
  const parent = await open(worktree, file, parts, create);
  if (!parent) return null;
  try {
    return await fn(parent);
  } finally {
    await parent.close();
  }
}

/** lstat of a worktree path, or null when it (or a folder on the way) does not exist. */
export async function lstatIn(worktree: string, file: string): Promise<Stats | null> {
  return withParent(worktree, file, false, async (parent) =>
    lstat(await parent.entry()).catch((error: unknown) => {
      if (code(error) === 'ENOENT' || code(error) === 'ENOTDIR') return null;
      throw error;
    }),
  );
}

/** The end of the message for a path that is a symlink, folder, FIFO… where a regular file is needed. */
export const NOT_REGULAR = 'is not a regular file';

/** What a worktree path is, as copyEntryOut found it. */
export type CopiedEntry =
  { kind: 'file'; stats: Stats } | { kind: 'symlink'; target: string } | { kind: 'folder' } | { kind: 'other' };

/** Above this a file is streamed to its copy rather than read whole. */
const WHOLE_READ_BYTES = 1024 * 1024;

/**
 * Copies a worktree path's content out to `dest` (a path of ours) in one anchored walk: a regular file's
 * bytes, or a symlink's text (not followed). A folder or anything else is only reported. Null when it does
 * not exist.
 */
export async function copyEntryOut(worktree: string, file: string, dest: string): Promise<CopiedEntry | null> {
  return withParent(worktree, file, false, async (parent) => {
    const at = await parent.entry();
    let handle: FileHandle;
    try {
      handle = await open(at, READ_FLAGS);
    } catch (error) {
      if (code(error) === 'ENOENT') return null;
      if (code(error) !== 'ELOOP') throw error;
      const target = await readlink(at).catch(() => null);
      if (target === null) return null;
      await writeFile(dest, target, { flag: 'wx' });
      return { kind: 'symlink', target };
    }
    try {
      const stats = await handle.stat();
      if (stats.isDirectory()) return { kind: 'folder' };
      if (!stats.isFile()) return { kind: 'other' };
      if (stats.size <= WHOLE_READ_BYTES) await writeFile(dest, await handle.readFile(), { flag: 'wx' });
      else await pipeline(handle.createReadStream({ autoClose: false }), createWriteStream(dest, { flags: 'wx' }));
      return { kind: 'file', stats };
    } finally {
      await handle.close();
    }
  });
}

export interface FileContent {
  content: Buffer;
  stats: Stats;
}

/**
 * A regular file's content, or null when it does not exist. A symlink, folder or anything else is refused
 * (INVALID_PATH), a file above `maxBytes` too (INVALID_STATE). A FIFO cannot block: it is opened non-blocking.
 */
export async function readFileIn(worktree: string, file: string, maxBytes = Infinity): Promise<FileContent | null> {
  return withParent(worktree, file, false, async (parent) => {
    let handle: FileHandle;
    try {
      handle = await open(await parent.entry(), READ_FLAGS);
    } catch (error) {
      if (code(error) === 'ENOENT') return null;
      if (code(error) === 'ELOOP') throw invalid(file, NOT_REGULAR);
      throw error;
    }
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) throw invalid(file, NOT_REGULAR);
      if (stats.size > maxBytes)
        throw new FlotillaError('INVALID_STATE', `"${file}" is too large to read (${stats.size} bytes)`);
      return { content: await handle.readFile(), stats };
    } finally {
      await handle.close();
    }
  });
}

/** Removes a worktree path: a file or symlink is unlinked (a link never followed), a folder removed with its content. */
export async function removeIn(worktree: string, file: string): Promise<boolean> {
  const removed = await withParent(worktree, file, false, async (parent) => removeEntry(parent, file));
  return removed === true;
}

async function removeEntry(parent: Parent, file: string): Promise<boolean> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const at = await parent.entry();
    const stats = await lstat(at).catch(() => null);
    if (stats === null) return false;
    try {
      if (!stats.isDirectory()) await unlink(at);
      else if (await anchoredByProc()) await removeTreeAt(at);
      // Fallback: the parent was re-checked just now; rm does not follow a symlink it meets.
      else await rm(at, { recursive: true, force: true });
      return true;
    } catch (error) {
      // It changed kind between the lstat and the removal (a file became a folder, or back): look again.
      if (!['EISDIR', 'EPERM', 'ENOTEMPTY', 'ENOTDIR', 'ELOOP', 'ENOENT'].includes(code(error) ?? '')) throw error;
    }
  }
  throw new FlotillaError('INVALID_STATE', `"${file}" kept changing while it was being removed: try again`);
}

/** Removes an empty folder (true), leaving one that is not empty, is gone or is not a folder (false). */
export async function rmdirIn(worktree: string, dir: string): Promise<boolean> {
  const removed = await withParent(worktree, dir, false, async (parent) =>
    rmdir(await parent.entry()).then(
      () => true,
      (error: unknown) => {
        if (['ENOTEMPTY', 'EEXIST', 'ENOENT', 'ENOTDIR'].includes(code(error) ?? '')) return false;
        throw error;
      },
    ),
  );
  return removed === true;
}

export interface WriteOptions {
  /** New file mode bits before the umask; absent: the mode of the file it replaces, else 0o666. */
  mode?: number;
}

/**
 * Replaces a worktree path with a regular file holding `content`, creating missing folders. The content goes
 * to a temporary file beside it, renamed over the old entry: a symlink there is replaced, never written
 * through, a hard link to a file elsewhere is broken rather than changed, and readers never see half a file.
 */
export async function writeFileIn(
  worktree: string,
  file: string,
  content: Buffer | string,
  options: WriteOptions = {},
): Promise<void> {
  await withParent(worktree, file, true, async (parent) => {
    const old = await lstat(await parent.entry()).catch(() => null);
    const mode = options.mode ?? (old?.isFile() ? old.mode & 0o7777 : 0o666);
    await replaceWith(parent, file, old, async (temp) => {
      const handle = await open(
        temp,
        constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
        mode,
      );
      try {
        await handle.writeFile(content);
        // The umask applies at creation; an existing file's mode is kept as it was.
        if (options.mode === undefined && old?.isFile()) await handle.chmod(mode);
      } finally {
        await handle.close();
      }
    });
  });
}

/** Replaces a worktree path with a symlink to `target` (the link's text; it is not followed). */
export async function symlinkIn(worktree: string, file: string, target: string): Promise<void> {
  await withParent(worktree, file, true, async (parent) => {
    const old = await lstat(await parent.entry()).catch(() => null);
    await replaceWith(parent, file, old, (temp) => symlink(target, temp));
  });
}

/** The target text of a symlink in the worktree, or null when there is none. */
export async function readlinkIn(worktree: string, file: string): Promise<string | null> {
  return withParent(worktree, file, false, async (parent) =>
    readlink(await parent.entry()).catch((error: unknown) => {
      if (code(error) === 'ENOENT') return null;
      if (code(error) === 'EINVAL') throw invalid(file, 'is not a symlink');
      throw error;
    }),
  );
}

async function replaceWith(
  parent: Parent,
  file: string,
  old: Stats | null,
  make: (temp: string) => Promise<void>,
): Promise<void> {
  // A folder cannot be renamed over: it goes first (its content with it), as git's checkout does.
  if (old?.isDirectory()) await removeEntry(parent, file);
  const tempName = `.flotilla-${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  const temp = await parent.entry(tempName);
  try {
    await make(temp);
    await rename(temp, await parent.entry());
  } catch (error) {
    await unlink(await parent.entry(tempName)).catch(() => undefined);
    if (code(error) === 'EISDIR' || code(error) === 'ENOTEMPTY')
      throw new FlotillaError('INVALID_STATE', `"${file}" became a folder while it was being written: try again`);
    throw error;
  }
}
