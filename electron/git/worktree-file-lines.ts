import { lstat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { FlotillaError } from '../../shared/errors.js';
import type { FileLines } from '../../shared/git.js';

/**
 * Lines `start`..`end` (1-based, inclusive, clamped to the file) of a file in the worktree as it is now:
 * the new side of the session's diff, which the viewer uses to expand the context around hunks.
 * Only regular files up to `maxBytes`: a symlink is never followed.
 */
export async function readWorktreeLines(
  worktree: string,
  file: string,
  start: number,
  end: number,
  maxBytes: number,
): Promise<FileLines> {
  const full = path.join(worktree, file);
  let size: number;
  try {
    const stats = await lstat(full);
    if (!stats.isFile()) throw new FlotillaError('INVALID_PATH', `"${file}" is not a regular file`);
    size = stats.size;
  } catch (error) {
    if (error instanceof FlotillaError) throw error;
    throw new FlotillaError('NOT_FOUND', `"${file}" is not in the worktree`);
  }
  if (size > maxBytes) throw new FlotillaError('INVALID_STATE', `"${file}" is too large to read (${size} bytes)`);
  const lines = (await readFile(full, 'utf8')).split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return { path: file, start, lines: lines.slice(start - 1, end), totalLines: lines.length };
}
