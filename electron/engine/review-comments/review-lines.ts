import { FlotillaError } from '../../../shared/errors.js';
import type { ReviewSide } from '../../../shared/review-comments.js';
import { DEFAULT_DIFF_LIMITS } from '../../git/diff-stats.js';
import { git, READ_ONLY_ENV } from '../../git/run-git.js';
import { readFileIn } from '../../git/worktree-fs.js';

/** Where a comment's lines are read from: the worktree (new side) or the diff's base commit (old side). */
export interface LineSource {
  worktree: string;
  /** The merge-base commit the session's diff is taken against. */
  base: string;
  /** The file's path in the base when it was renamed. */
  oldPath: string | null;
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

/** Every line of `file` on that side, or null when the file is not there (deleted, or new in the session). */
export async function readSideLines(source: LineSource, file: string, side: ReviewSide): Promise<string[] | null> {
  if (side === 'new') {
    const read = await readFileIn(source.worktree, file, DEFAULT_DIFF_LIMITS.maxTextBytes);
    return read ? splitLines(read.content.toString('utf8')) : null;
  }
  if (!source.base) return null;
  const result = await git(['show', `${source.base}:${source.oldPath ?? file}`], {
    cwd: source.worktree,
    env: READ_ONLY_ENV,
    okExitCodes: [0, 128],
  });
  return result.exitCode === 0 ? splitLines(result.stdout) : null;
}

/** The quoted lines startLine..endLine, or a VALIDATION error naming what is missing. */
export function quoteLines(lines: string[] | null, file: string, side: ReviewSide, start: number, end: number): string {
  const where = side === 'old' ? `the base's ${file}` : file;
  if (!lines) throw new FlotillaError('NOT_FOUND', `${where} does not exist`);
  if (end > lines.length) {
    throw new FlotillaError('VALIDATION', `${where} has ${lines.length} lines; line ${end} does not exist`);
  }
  return lines.slice(start - 1, end).join('\n');
}
