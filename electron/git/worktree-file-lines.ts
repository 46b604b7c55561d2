import { FlotillaError } from '../../shared/errors.js';
import type { FileLines } from '../../shared/git.js';
import { readFileIn } from './worktree-fs.js';

/**
 * Lines `start`..`end` (1-based, inclusive, clamped to the file) of a file in the worktree as it is now:
 * the new side of the session's diff, which the viewer uses to expand the context around hunks.
 * Only regular files up to `maxBytes`, read through worktree-fs: a symlink, the file's or a folder's on the
 * way, is never followed.
 */
export async function readWorktreeLines(
  worktree: string,
  file: string,
  start: number,
  end: number,
  maxBytes: number,
): Promise<FileLines> {
  const read = await readFileIn(worktree, file, maxBytes);
  if (!read) throw new FlotillaError('NOT_FOUND', `"${file}" is not in the worktree`);
  const lines = read.content.toString('utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return { path: file, start, lines: lines.slice(start - 1, end), totalLines: lines.length };
}
