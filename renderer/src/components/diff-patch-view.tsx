import '../styles/diff-review.css';
import { Fragment, memo, useDeferredValue, useEffect, useMemo, useRef } from 'react';
import type { FilePatch } from '../../../shared/git.js';
import type { ContextGap, DisplayLine, ExpandLine } from '../diff/context-gaps.js';
import { highlightLine, languageOf } from '../diff/highlight.js';
import { lineSegments, type Segment } from '../diff/line-segments.js';
import { parsePatch, toSplitRows, type HunkInfo, type PatchLine } from '../diff/parse-patch.js';
import { confirmRevertHunk } from '../diff/revert-hunk-action.js';
import { EXPAND_STEP, useExpandedContext } from '../diff/use-expanded-context.js';
import type { PatchEntry } from '../stores/diff-store.js';
import { ReviewLineNo } from './review/review-line-no.js';
import { ReviewThread } from './review/review-thread.js';
import { useReviewThreads, type LineThread } from './review/use-review-threads.js';

function LineThreadRow({ thread }: { thread: LineThread | null }) {
  return thread ? <ReviewThread comments={thread.comments} composing={thread.composing} /> : null;
}

export type DiffLayout = 'unified' | 'split';

const SIGN: Record<PatchLine['kind'], string> = { add: '+', del: '-', context: ' ', hunk: '', note: '', expand: '' };

/** Patches above this size are shown without syntax colours (the word-level changes stay). */
const MAX_HIGHLIGHT_PATCH = 512 * 1024;

interface PatchViewProps {
  entry: PatchEntry | undefined;
  layout: DiffLayout;
  /** With a session, hunks can be reverted and context expanded; without (a read-only view), not. */
  sessionId?: string;
  baseBranch?: string;
  /** The hunk that n / p moved to, scrolled into view and marked. */
  currentHunk?: number | null;
}

/** One file's patch: numbered lines, syntax and word-level colours, expandable context, per-hunk revert. */
export function DiffPatchView({ entry, ...rest }: PatchViewProps) {
  if (!entry || (entry.state === 'loading' && !entry.previous)) return <p className="diff-note muted">Loading…</p>;
  if (entry.state === 'error') return <p className="diff-note error-text">Could not load this file: {entry.error}</p>;
  const patch = entry.state === 'ready' ? entry.patch : entry.previous;
  if (!patch) return null;
  if (patch.kind !== 'text') return <p className="diff-note muted">{describeUnshown(patch)}</p>;
  return <PatchLines key={patch.path} path={patch.path} patch={patch.patch} {...rest} />;
}

interface LinesProps extends Omit<PatchViewProps, 'entry'> {
  path: string;
  patch: string;
}

function PatchLines({ path, patch, layout, sessionId, baseBranch = '', currentHunk = null }: LinesProps) {
  const lines = useMemo(() => parsePatch(patch), [patch]);
  const { display, expand } = useExpandedContext(sessionId ?? null, path, patch, lines);
  // Review comments (issue 15): under their last line, with the box for a new one (unified layout).
  const threads = useReviewThreads(sessionId, path);
  // Colours come in a second, interruptible render, so a big file shows at once and colours after.
  const language = useDeferredValue(patch.length <= MAX_HIGHLIGHT_PATCH ? languageOf(path) : null, null);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (currentHunk === null) return;
    const row = ref.current?.querySelector(`[data-hunk-index="${currentHunk}"]`);
    const scroller = ref.current?.parentElement;
    if (!row || !scroller) return;
    // Scroll only the patch's own box, so the page around it does not jump.
    scroller.scrollTop += row.getBoundingClientRect().top - scroller.getBoundingClientRect().top - 4;
  }, [currentHunk, patch]);

  if (lines.length === 0) return <p className="diff-note muted">No line changes (mode or rename only).</p>;
  const full = (line: DisplayLine, key: number) => (
    <FullRow
      key={key}
      line={line}
      current={line.hunk !== undefined && line.hunk.index === currentHunk}
      onRevert={sessionId ? (hunk) => confirmRevertHunk(sessionId, path, hunk, baseBranch) : undefined}
      onExpand={expand}
    />
  );
  if (layout === 'split')
    return (
      <div ref={ref} className="patch split" role="table" aria-label="Side-by-side diff">
        {toSplitRows(display).map((row, i) =>
          row.left === row.right && row.left && row.left.kind !== 'context' ? (
            full(row.left, i)
          ) : (
            <Fragment key={i}>
              <div className="patch-row split-row">
                <Half line={row.left} side="old" language={language} sessionId={sessionId} path={path} />
                <Half line={row.right} side="new" language={language} sessionId={sessionId} path={path} />
              </div>
              <LineThreadRow thread={row.left?.kind === 'del' ? threads('old', row.left.oldNo) : null} />
              <LineThreadRow thread={row.right && row.right.kind !== 'del' ? threads('new', row.right.newNo) : null} />
            </Fragment>
          ),
        )}
      </div>
    );
  return (
    <div ref={ref} className="patch unified" role="table" aria-label="Unified diff">
      {display.map((line, i) =>
        line.kind === 'hunk' || line.kind === 'note' || line.kind === 'expand' ? (
          full(line, i)
        ) : (
          <Fragment key={i}>
            <div className={`patch-row ${line.kind}`}>
              <ReviewLineNo sessionId={sessionId} file={path} side="old" no={line.oldNo} anchor={line.kind === 'del'} />
              <ReviewLineNo sessionId={sessionId} file={path} side="new" no={line.newNo} anchor={line.kind !== 'del'} />
              <span className="patch-sign">{SIGN[line.kind]}</span>
              <LineText line={line} language={language} />
            </div>
            <LineThreadRow thread={line.kind === 'del' ? threads('old', line.oldNo) : threads('new', line.newNo)} />
          </Fragment>
        ),
      )}
    </div>
  );
}

/** A row across the whole width: a hunk header (with its Revert button), git's note, or an expand row. */
function FullRow(props: {
  line: DisplayLine;
  current: boolean;
  onRevert: ((hunk: HunkInfo) => void) | undefined;
  onExpand(gap: ContextGap, count: number): void;
}) {
  const { line } = props;
  if (line.kind === 'expand') return <ExpandRow line={line as ExpandLine} onExpand={props.onExpand} />;
  const hunk = line.hunk;
  return (
    <div
      className={`patch-row ${line.kind} full${props.current ? ' current' : ''}`}
      data-hunk-index={hunk?.index}
      aria-current={props.current ? 'location' : undefined}
    >
      <span className="patch-text">{line.text}</span>
      {hunk && props.onRevert ? (
        <button
          type="button"
          className="hunk-revert"
          aria-label={`Revert hunk at line ${hunk.newStart}`}
          title="Take this hunk's change out of the file"
          onClick={() => props.onRevert?.(hunk)}
        >
          Revert hunk
        </button>
      ) : null}
    </div>
  );
}

function ExpandRow({ line, onExpand }: { line: ExpandLine; onExpand(gap: ContextGap, count: number): void }) {
  const { gap, hidden } = line;
  const step = hidden === null ? EXPAND_STEP : Math.min(EXPAND_STEP, hidden);
  const where = gap.key === 'top' ? 'above' : gap.key === 'bottom' ? 'below' : 'between hunks';
  return (
    <div className="patch-row expand full">
      <span className="expand-info">
        {hidden === null ? `More lines ${where}` : `${hidden} hidden line${hidden === 1 ? '' : 's'} ${where}`}
      </span>
      <button type="button" className="expand-btn" onClick={() => onExpand(gap, step)}>
        {gap.direction === 'up' ? '↑' : '↓'} Show {step} more line{step === 1 ? '' : 's'}
      </button>
      {hidden === null || hidden > step ? (
        <button
          type="button"
          className="expand-btn"
          aria-label={`Expand all lines ${where}`}
          onClick={() => onExpand(gap, Number.POSITIVE_INFINITY)}
        >
          Expand all
        </button>
      ) : null}
    </div>
  );
}

function Half(props: {
  line: PatchLine | null;
  side: 'old' | 'new';
  language: string | null;
  sessionId: string | undefined;
  path: string;
}) {
  const { line, side, language } = props;
  if (!line) return <span className="patch-half empty" />;
  const no = side === 'old' ? line.oldNo : line.newNo;
  // A comment anchors on the new side, or on the old side for a deleted line (as in the unified layout).
  const anchor = side === 'old' ? line.kind === 'del' : line.kind !== 'del';
  return (
    <span className={`patch-half ${line.kind}`}>
      <ReviewLineNo sessionId={props.sessionId} file={props.path} side={side} no={no} anchor={anchor} />
      <span className="patch-sign">{SIGN[line.kind]}</span>
      <LineText line={line} language={language} />
    </span>
  );
}

/** The line's text in syntax colours, with its changed words marked; memoized per line and language. */
const LineText = memo(function LineText({ line, language }: { line: PatchLine; language: string | null }) {
  const segments = useMemo(
    () => (language || line.words ? lineSegments(highlightLine(line.text, language), line.words) : null),
    [line, language],
  );
  if (!segments) return <span className="patch-text">{line.text}</span>;
  // Consecutive changed segments share one mark, so a changed word reads as one highlight.
  const runs: { changed: boolean; parts: Segment[] }[] = [];
  for (const part of segments) {
    const last = runs[runs.length - 1];
    if (last && last.changed && part.changed) last.parts.push(part);
    else runs.push({ changed: part.changed, parts: [part] });
  }
  return (
    <span className="patch-text">
      {runs.map((run, i) => {
        const parts = run.parts.map((part, k) =>
          part.type ? (
            <span key={k} className={`tok-${part.type}`}>
              {part.text}
            </span>
          ) : (
            <Fragment key={k}>{part.text}</Fragment>
          ),
        );
        return run.changed ? (
          <mark key={i} className="word-change">
            {parts}
          </mark>
        ) : (
          <Fragment key={i}>{parts}</Fragment>
        );
      })}
    </span>
  );
});

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return 'none';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function describeUnshown(patch: FilePatch): string {
  const sizes = `${formatBytes(patch.oldSize)} → ${formatBytes(patch.newSize)}`;
  switch (patch.kind) {
    case 'binary':
      return `Binary file (${sizes}): not shown.`;
    case 'large':
      return patch.patchSize !== null
        ? `Diff too large to show (${formatBytes(patch.patchSize)}; file ${sizes}).`
        : `File too large to show (${sizes}).`;
    default:
      return 'No changes in this file any more.';
  }
}
