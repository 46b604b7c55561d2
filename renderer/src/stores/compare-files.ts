import type { DiffFile } from '../../../shared/git.js';

/** One file of a two-session comparison: what each session changed in it (null: left it alone). */
export interface CompareRow {
  path: string;
  left: DiffFile | null;
  right: DiffFile | null;
}

/** The union of both sessions' changed files, by path, in path order. */
export function compareFiles(left: readonly DiffFile[], right: readonly DiffFile[]): CompareRow[] {
  const rows = new Map<string, CompareRow>();
  for (const file of left) rows.set(file.path, { path: file.path, left: file, right: null });
  for (const file of right) {
    const row = rows.get(file.path);
    if (row) row.right = file;
    else rows.set(file.path, { path: file.path, left: null, right: file });
  }
  return [...rows.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** How many files both sessions changed, and how many only one of them did. */
export function compareCounts(rows: readonly CompareRow[]): { both: number; onlyLeft: number; onlyRight: number } {
  let both = 0;
  let onlyLeft = 0;
  let onlyRight = 0;
  for (const row of rows) {
    if (row.left && row.right) both++;
    else if (row.left) onlyLeft++;
    else onlyRight++;
  }
  return { both, onlyLeft, onlyRight };
}
