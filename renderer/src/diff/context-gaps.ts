import type { HunkInfo, PatchLine } from './parse-patch.js';

/**
 * Unchanged lines the patch leaves out: before the first hunk, between hunks and after the last one. They
 * are the same on both sides, so they are read from the worktree file (the new side) and numbered on the
 * old side by a fixed offset. Lines are revealed next to the hunk: upward above the first hunk, downward
 * (after the previous hunk) elsewhere.
 */
export interface ContextGap {
  /** 'top', 'bottom', or 'before-<hunk index>'. */
  key: string;
  /** First hidden line on the new side. */
  from: number;
  /** Last hidden line on the new side; null after the last hunk until the file's length is known. */
  to: number | null;
  /** oldNo = newNo + oldOffset for the lines of this gap. */
  oldOffset: number;
  direction: 'up' | 'down';
}

/** The expand row of a gap, placed where its hidden lines are. */
export interface ExpandLine extends PatchLine {
  kind: 'expand';
  gap: ContextGap;
  /** Lines still hidden (null: unknown, after the last hunk). */
  hidden: number | null;
}

export type DisplayLine = PatchLine | ExpandLine;

/** What the viewer has fetched of the worktree file: lines by number, and its length once known. */
export interface FetchedLines {
  lines: ReadonlyMap<number, string>;
  total: number | null;
}

/** Lines revealed per gap key (Infinity: all). */
export type Revealed = Readonly<Record<string, number>>;

const lastNew = (h: HunkInfo) => (h.newCount === 0 ? h.newStart : h.newStart + h.newCount - 1);
const firstNew = (h: HunkInfo) => (h.newCount === 0 ? h.newStart + 1 : h.newStart);
const lastOld = (h: HunkInfo) => (h.oldCount === 0 ? h.oldStart : h.oldStart + h.oldCount - 1);
const firstOld = (h: HunkInfo) => (h.oldCount === 0 ? h.oldStart + 1 : h.oldStart);

export function contextGaps(lines: readonly PatchLine[], fileLength: number | null): ContextGap[] {
  const hunks = lines.flatMap((l) => (l.hunk ? [l.hunk] : []));
  // An added or deleted file is one hunk of the whole file: nothing to expand.
  if (
    hunks.length === 0 ||
    hunks.some((h) => (h.oldStart === 0 && h.oldCount === 0) || (h.newCount === 0 && h.newStart === 0))
  )
    return [];
  const gaps: ContextGap[] = [];
  hunks.forEach((h, i) => {
    const previous = hunks[i - 1];
    const from = previous ? lastNew(previous) + 1 : 1;
    const to = firstNew(h) - 1;
    if (to >= from)
      gaps.push({
        key: i === 0 ? 'top' : `before-${i}`,
        from,
        to,
        oldOffset: firstOld(h) - firstNew(h),
        direction: i === 0 ? 'up' : 'down',
      });
  });
  const last = hunks[hunks.length - 1] as HunkInfo;
  const from = lastNew(last) + 1;
  if (fileLength === null ? !endsAtEof(lines) : fileLength >= from)
    gaps.push({ key: 'bottom', from, to: fileLength, oldOffset: lastOld(last) - lastNew(last), direction: 'down' });
  return gaps;
}

/**
 * Whether the last hunk is known to reach the end of the file without reading it: git gives every hunk the
 * same number of context lines unless the file ends (or begins) first, so a last hunk with fewer trailing
 * context lines than any hunk has on either side ends at the end of the file; so does a new side that ends
 * with "No newline at end of file".
 */
function endsAtEof(lines: readonly PatchLine[]): boolean {
  let context = 0;
  let leading = 0;
  let trailing = 0;
  let changed = false;
  let previous: PatchLine | undefined;
  for (const line of lines) {
    if (line.kind === 'hunk') {
      context = Math.max(context, leading, trailing);
      leading = trailing = 0;
      changed = false;
    } else if (line.kind === 'context') {
      if (changed) trailing++;
      else leading++;
    } else if (line.kind === 'add' || line.kind === 'del') {
      changed = true;
      trailing = 0;
    } else if (line.kind === 'note' && previous?.kind !== 'del') {
      return true;
    }
    previous = line;
  }
  return trailing < Math.max(context, leading);
}

/** The new-side line numbers of a gap shown when `count` lines are revealed (clamped to what is known). */
export function revealedRange(gap: ContextGap, count: number): { from: number; to: number } | null {
  if (count <= 0) return null;
  if (gap.direction === 'up') {
    const to = gap.to ?? gap.from;
    return { from: Math.max(gap.from, to - count + 1), to };
  }
  const end = gap.from + count - 1;
  return { from: gap.from, to: gap.to === null ? end : Math.min(gap.to, end) };
}

function contextLine(gap: ContextGap, newNo: number, text: string): PatchLine {
  return { kind: 'context', text, oldNo: newNo + gap.oldOffset, newNo };
}

/** The patch's lines with each gap's revealed lines and, where lines stay hidden, its expand row. */
export function withContext(
  lines: readonly PatchLine[],
  gaps: readonly ContextGap[],
  fetched: FetchedLines,
  revealed: Revealed,
): DisplayLine[] {
  const byKey = new Map(gaps.map((g) => [g.key, g]));
  const section = (gap: ContextGap | undefined): DisplayLine[] => {
    if (!gap) return [];
    const range = revealedRange(gap, revealed[gap.key] ?? 0);
    const shown: PatchLine[] = [];
    if (range) {
      for (let n = range.from; n <= range.to; n++) {
        const text = fetched.lines.get(n);
        if (text === undefined) break;
        shown.push(contextLine(gap, n, text));
      }
    }
    const size = gap.to === null ? null : gap.to - gap.from + 1;
    const hidden = size === null ? null : size - shown.length;
    const atEnd = gap.to === null && fetched.total !== null && gap.from + shown.length > fetched.total;
    if (hidden === 0 || atEnd) return shown;
    const expand: ExpandLine = { kind: 'expand', text: '', oldNo: null, newNo: null, gap, hidden };
    return gap.direction === 'up' ? [expand, ...shown] : [...shown, expand];
  };
  const out: DisplayLine[] = [];
  for (const line of lines) {
    if (line.hunk) out.push(...section(byKey.get(line.hunk.index === 0 ? 'top' : `before-${line.hunk.index}`)));
    out.push(line);
  }
  out.push(...section(byKey.get('bottom')));
  return out;
}
