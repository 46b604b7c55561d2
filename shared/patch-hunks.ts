/**
 * Hunks of a one-file unified diff, and the hash that names a hunk across the contract: the viewer sends
 * (path, header, hash) of the hunk it showed, and the host reverts only a hunk it finds identical now.
 */
export interface PatchHunk {
  /** The `@@ -a,b +c,d @@ context` line as git printed it. */
  header: string;
  oldStart: number;
  oldCount: number;
  newStart: number;
  newCount: number;
  /** Body lines with their sign (' ', '+', '-', or '\' for "No newline at end of file"). */
  lines: string[];
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** The hunks of `patch`; each body ends when its line counts are used up, so `--- a/x` is never a body line. */
export function splitHunks(patch: string): PatchHunk[] {
  const raw = patch.split('\n');
  const hunks: PatchHunk[] = [];
  let i = 0;
  while (i < raw.length) {
    const header = raw[i] ?? '';
    const match = HUNK_HEADER.exec(header);
    i++;
    if (!match) continue;
    const hunk: PatchHunk = {
      header,
      oldStart: Number(match[1]),
      oldCount: match[2] === undefined ? 1 : Number(match[2]),
      newStart: Number(match[3]),
      newCount: match[4] === undefined ? 1 : Number(match[4]),
      lines: [],
    };
    let oldLeft = hunk.oldCount;
    let newLeft = hunk.newCount;
    while (i < raw.length && (oldLeft > 0 || newLeft > 0 || raw[i]?.startsWith('\\'))) {
      const line = raw[i] ?? '';
      const sign = line[0];
      if (sign === '-') oldLeft--;
      else if (sign === '+') newLeft--;
      else if (sign === ' ' || line === '') {
        oldLeft--;
        newLeft--;
      } else if (sign !== '\\') break;
      hunk.lines.push(line === '' ? ' ' : line);
      i++;
    }
    hunks.push(hunk);
  }
  return hunks;
}

/** 64 bits from two FNV-1a passes with different seeds: not cryptographic, only "is this still that hunk". */
export function hunkHash(hunk: Pick<PatchHunk, 'header' | 'lines'>): string {
  const text = `${hunk.header}\n${hunk.lines.join('\n')}`;
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 13);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** One side of a hunk: its lines without signs, and whether its last line has no newline at end of file. */
export interface HunkSide {
  lines: string[];
  noNewlineAtEnd: boolean;
}

export function hunkSides(hunk: PatchHunk): { old: HunkSide; new: HunkSide } {
  const old: HunkSide = { lines: [], noNewlineAtEnd: false };
  const neu: HunkSide = { lines: [], noNewlineAtEnd: false };
  let previous = ' ';
  for (const line of hunk.lines) {
    const sign = line[0] ?? ' ';
    const text = line.slice(1);
    if (sign === '\\') {
      if (previous !== '+') old.noNewlineAtEnd = true;
      if (previous !== '-') neu.noNewlineAtEnd = true;
      continue;
    }
    if (sign !== '+') old.lines.push(text);
    if (sign !== '-') neu.lines.push(text);
    previous = sign;
  }
  return { old, new: neu };
}
