import { hunkHash, splitHunks, type PatchHunk } from '../../../shared/patch-hunks.js';
import { pairWords, type WordPart } from './word-diff.js';

export type PatchLineKind = 'context' | 'add' | 'del' | 'hunk' | 'note' | 'expand';

/** A hunk header's identity and ranges: what revert and context expansion need. */
export interface HunkInfo extends Omit<PatchHunk, 'lines'> {
  index: number;
  hash: string;
}

export interface PatchLine {
  kind: PatchLineKind;
  text: string;
  oldNo: number | null;
  newNo: number | null;
  /** Word-level parts of a changed line paired with its counterpart (a `-` with the `+` that replaced it). */
  words?: WordPart[];
  /** On a hunk header. */
  hunk?: HunkInfo;
}

const HUNK = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@(.*)$/;

/**
 * A unified diff of one file as numbered lines: git's header lines are dropped, hunk headers kept, and each
 * run of removed lines followed by added lines is paired line by line for word-level highlighting.
 */
export function parsePatch(patch: string): PatchLine[] {
  const lines: PatchLine[] = [];
  let oldNo = 0;
  let newNo = 0;
  let inHunk = false;
  const hunks = splitHunks(patch);
  let hunkCount = 0;
  const raw = patch.split('\n');
  if (raw[raw.length - 1] === '') raw.pop();
  for (const line of raw) {
    const hunk = HUNK.exec(line);
    if (hunk) {
      oldNo = Number(hunk[1]);
      newNo = Number(hunk[2]);
      inHunk = true;
      const found = hunks[hunkCount];
      const info = found ? hunkInfo(found, hunkCount) : undefined;
      hunkCount++;
      lines.push({ kind: 'hunk', text: line, oldNo: null, newNo: null, ...(info ? { hunk: info } : {}) });
      continue;
    }
    if (!inHunk) continue;
    const sign = line[0];
    const text = line.slice(1);
    if (sign === '+') lines.push({ kind: 'add', text, oldNo: null, newNo: newNo++ });
    else if (sign === '-') lines.push({ kind: 'del', text, oldNo: oldNo++, newNo: null });
    else if (sign === '\\') lines.push({ kind: 'note', text: line.slice(2), oldNo: null, newNo: null });
    else if (sign === ' ' || line === '') lines.push({ kind: 'context', text, oldNo: oldNo++, newNo: newNo++ });
    else inHunk = false; // the next file's header (a rename diffed with its old path)
  }
  pairChangedRuns(lines);
  return lines;
}

function hunkInfo(hunk: PatchHunk, index: number): HunkInfo {
  const { lines, ...ranges } = hunk;
  return { ...ranges, index, hash: hunkHash({ header: hunk.header, lines }) };
}

/** Marks the changed words of each `-` line and the `+` line at the same position in the run after it. */
function pairChangedRuns(lines: PatchLine[]): void {
  let i = 0;
  while (i < lines.length) {
    if (lines[i]?.kind !== 'del') {
      i++;
      continue;
    }
    const delStart = i;
    while (lines[i]?.kind === 'del') i++;
    const addStart = i;
    while (lines[i]?.kind === 'add') i++;
    const pairs = Math.min(addStart - delStart, i - addStart);
    for (let k = 0; k < pairs; k++) {
      const del = lines[delStart + k];
      const add = lines[addStart + k];
      if (!del || !add) continue;
      const paired = pairWords(del.text, add.text);
      if (!paired) continue;
      del.words = paired.old;
      add.words = paired.new;
    }
  }
}

/** Rows of a side-by-side view: removed lines on the left facing the lines that replaced them. */
export interface SplitRow {
  left: PatchLine | null;
  right: PatchLine | null;
}

export function toSplitRows(lines: readonly PatchLine[]): SplitRow[] {
  const rows: SplitRow[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (!line) break;
    if (line.kind !== 'del' && line.kind !== 'add') {
      rows.push({ left: line, right: line });
      i++;
      continue;
    }
    const dels: PatchLine[] = [];
    const adds: PatchLine[] = [];
    while (lines[i]?.kind === 'del') dels.push(lines[i++] as PatchLine);
    while (lines[i]?.kind === 'add') adds.push(lines[i++] as PatchLine);
    for (let k = 0; k < Math.max(dels.length, adds.length); k++)
      rows.push({ left: dels[k] ?? null, right: adds[k] ?? null });
  }
  return rows;
}
