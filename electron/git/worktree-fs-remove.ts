import { constants } from 'node:fs';
import { lstat, open, readdir, rmdir, unlink, type FileHandle } from 'node:fs/promises';
import { FlotillaError } from '../../shared/errors.js';

/**
 * Removes the folder at `at` (a /proc/self/fd/<fd>/<name> path, see worktree-fs.ts) and everything in it,
 * without ever following a symlink: each subfolder is opened with O_NOFOLLOW from its parent's handle and
 * emptied through its own handle, so swapping a subfolder for a symlink half way cannot send the removal
 * elsewhere (the race behind `rm -rf` bugs such as CVE-2022-21658). Linux only.
 */
export async function removeTreeAt(at: string): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await open(at, constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW);
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code;
    // Became a file or a symlink since the caller looked: the caller looks again and unlinks it.
    if (why === 'ENOTDIR' || why === 'ELOOP') throw error;
    if (why === 'ENOENT') return;
    throw error;
  }
  try {
    const inside = `/proc/self/fd/${handle.fd}`;
    for (const name of await readdir(inside)) await removeChild(`${inside}/${name}`);
  } finally {
    await handle.close();
  }
  await rmdir(at);
}

async function removeChild(at: string): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const stats = await lstat(at).catch(() => null);
    if (stats === null) return;
    try {
      if (stats.isDirectory()) await removeTreeAt(at);
      else await unlink(at);
      return;
    } catch (error) {
      const why = (error as NodeJS.ErrnoException).code ?? '';
      if (why === 'ENOENT') return;
      if (!['EISDIR', 'EPERM', 'ENOTEMPTY', 'ENOTDIR', 'ELOOP'].includes(why)) throw error;
    }
  }
  throw new FlotillaError('INVALID_STATE', 'a folder kept changing while it was being removed: try again');
}
