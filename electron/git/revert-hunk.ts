import { isUtf8 } from 'node:buffer';
import { FlotillaError } from '../../shared/errors.js';
import { hunkHash, hunkSides, splitHunks, type PatchHunk } from '../../shared/patch-hunks.js';
import { computeFilePatch } from './diff-file.js';
import { NOT_REGULAR, readFileIn, removeIn, writeFileIn } from './worktree-fs.js';

/** The hunk the viewer showed: its header and the hash of its lines (shared/patch-hunks.ts). */
export interface HunkRef {
  header: string;
  hash: string;
}

function stale(file: string, why: string): FlotillaError {
  return new FlotillaError('STALE_HUNK', `${file} changed since its diff was shown (${why}): reload it and try again`);
}

/** The file's content now (null: absent), read without following a symlink (worktree-fs.ts). */
async function readCurrent(worktree: string, file: string): Promise<Buffer | null> {
  try {
    return (await readFileIn(worktree, file))?.content ?? null;
  } catch (error) {
    if (error instanceof FlotillaError && error.message.endsWith(NOT_REGULAR))
      throw new FlotillaError('INVALID_PATH', `${error.message}: revert the whole file`);
    throw error;
  }
}

/** The file as lines (without their '\n') and whether the last one ends with a newline. */
function toLines(content: Buffer | null): { lines: string[]; finalNewline: boolean } {
  const text = content ? content.toString('utf8') : '';
  if (text === '') return { lines: [], finalNewline: true };
  const lines = text.split('\n');
  const finalNewline = lines[lines.length - 1] === '';
  if (finalNewline) lines.pop();
  return { lines, finalNewline };
}

/** The mode line of the patch's git header (`new file mode 100644`, `deleted file mode 100755`…), if any. */
function headerMode(patch: string, kind: 'new' | 'deleted'): string | null {
  return new RegExp(`^${kind} file mode (\\d+)$`, 'm').exec(patch)?.[1] ?? null;
}

/**
 * Takes one hunk's change out of a file in the session's worktree, whether the change is committed on the
 * branch, staged or only in the worktree: afterwards the file no longer differs from the merge-base there.
 *
 * The hunk is looked up in a patch computed now, by header and hash, so a file that changed since the
 * viewer showed it is refused (STALE_HUNK) rather than edited in the wrong place. The new content is
 * computed here rather than with `git apply -R`: apply would need the hunk's patch text re-assembled and
 * an index to apply against, while this is the same line swap with the check explicit (the hunk's new
 * lines must sit where the patch says), and only the file is written: no index, HEAD or checkout changes.
 */
export async function revertHunk(
  worktree: string,
  baseBranch: string,
  file: string,
  ref: HunkRef,
  oldPath: string | null = null,
): Promise<void> {
  const patch = await computeFilePatch(worktree, baseBranch, file, oldPath);
  if (patch.kind !== 'text') throw stale(file, `it is now ${patch.kind === 'unchanged' ? 'unchanged' : patch.kind}`);
  if (/^(old|new|new file|deleted file) mode (120000|160000)$/m.test(patch.patch))
    throw new FlotillaError('INVALID_PATH', `"${file}" is a symlink or submodule: revert the whole file`);
  const hunk = splitHunks(patch.patch).find((h) => h.header === ref.header && hunkHash(h) === ref.hash);
  if (!hunk) throw stale(file, 'that hunk is no longer in its diff');

  const content = await readCurrent(worktree, file);
  if (content && !isUtf8(content))
    throw new FlotillaError('INVALID_PATH', `"${file}" is not UTF-8 text: revert the whole file`);
  const current = toLines(content);
  const next = swapHunk(current, hunk);
  if (!next) throw stale(file, 'its lines moved');

  const addedFile = headerMode(patch.patch, 'new') !== null;
  if (addedFile && next.lines.length === 0) {
    await removeIn(worktree, file);
    return;
  }
  const text = next.lines.join('\n') + (next.finalNewline && next.lines.length > 0 ? '\n' : '');
  // The file keeps its mode; a deleted file comes back with the mode it had (worktree-fs writes through no symlink).
  const deletedMode = headerMode(patch.patch, 'deleted');
  const mode = content === null ? (deletedMode === '100755' ? 0o777 : 0o666) : undefined;
  await writeFileIn(worktree, file, text, { mode });
}

/** The file with the hunk's new lines replaced by its old ones, or null when they are not where it says. */
function swapHunk(
  file: { lines: string[]; finalNewline: boolean },
  hunk: PatchHunk,
): { lines: string[]; finalNewline: boolean } | null {
  const sides = hunkSides(hunk);
  // An empty new side (`+c,0`) names the line after which it would be; a non-empty one its first line.
  const at = hunk.newCount === 0 ? hunk.newStart : hunk.newStart - 1;
  const found = file.lines.slice(at, at + sides.new.lines.length);
  if (found.length !== sides.new.lines.length || found.some((line, i) => line !== sides.new.lines[i])) return null;
  const atEnd = at + sides.new.lines.length === file.lines.length;
  if (sides.new.noNewlineAtEnd && (!atEnd || file.finalNewline)) return null;
  const lines = [...file.lines.slice(0, at), ...sides.old.lines, ...file.lines.slice(at + sides.new.lines.length)];
  // The last lines of both sides are the file's last lines when either side's marker says so.
  const finalNewline = sides.old.noNewlineAtEnd ? false : sides.new.noNewlineAtEnd ? true : file.finalNewline;
  return { lines, finalNewline };
}
