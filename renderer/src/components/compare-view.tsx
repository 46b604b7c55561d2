import '../styles/diff.css';
import '../styles/compare.css';
import { useEffect, useMemo, useRef } from 'react';
import type { DiffFile } from '../../../shared/git.js';
import type { Session } from '../../../shared/session.js';
import { compareCounts, compareFiles, type CompareRow } from '../stores/compare-files.js';
import { useCompareStore } from '../stores/compare-store.js';
import { conflictFilesBetween, conflictsFirst, useConflictStore } from '../stores/conflict-store.js';
import { useDiffStore, type SessionDiffView } from '../stores/diff-store.js';
import { useSessionsStore } from '../stores/sessions-store.js';
import { CompareFileTable } from './compare-file-table.js';
import { FileCounts } from './diff-file-list.js';
import { DiffPatchView } from './diff-patch-view.js';
import { StatusBadge } from './status-badge.js';

const NO_FILES: readonly DiffFile[] = [];

/** The compare view when two sessions are picked (batch bar or "Compare with…"); nothing otherwise. */
export function CompareView() {
  const pair = useCompareStore((s) => s.pair);
  const left = useSessionsStore((s) => (pair ? s.byId[pair[0]] : undefined));
  const right = useSessionsStore((s) => (pair ? s.byId[pair[1]] : undefined));
  const gone = !!pair && (!left || !right);
  useEffect(() => {
    if (gone) useCompareStore.getState().close(); // one of them was removed
  }, [gone]);
  if (!left || !right) return null;
  return <CompareSessions key={`${left.id}:${right.id}`} left={left} right={right} />;
}

function useDiffView(id: string): SessionDiffView | undefined {
  return useDiffStore((s) => s.views[id]);
}

/** Both sessions' totals, the union of their changed files, and the chosen file's two patches. */
function CompareSessions({ left, right }: { left: Session; right: Session }) {
  const leftView = useDiffView(left.id);
  const rightView = useDiffView(right.id);
  const selected = useCompareStore((s) => s.selected);
  const ref = useRef<HTMLElement>(null);

  useEffect(() => {
    void useDiffStore.getState().load(left.id);
    void useDiffStore.getState().load(right.id);
  }, [left.id, right.id]);

  const leftFiles = leftView?.diff?.files ?? NO_FILES;
  const rightFiles = rightView?.diff?.files ?? NO_FILES;
  const byRepo = useConflictStore((s) => s.byRepo);
  const conflicting = useMemo(
    () => new Set(conflictFilesBetween(byRepo, left.id, right.id)),
    [byRepo, left.id, right.id],
  );
  // Files the two would conflict in first, then files both changed: where the sessions collide.
  const rows = useMemo(
    () => conflictsFirst(compareFiles(leftFiles, rightFiles), conflicting),
    [leftFiles, rightFiles, conflicting],
  );
  const row = rows.find((r) => r.path === selected) ?? rows[0];
  const latest = useRef({ rows, at: row ? rows.indexOf(row) : -1 });
  latest.current = { rows, at: row ? rows.indexOf(row) : -1 };

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    ref.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.ctrlKey || event.metaKey || event.altKey || target?.closest('input, textarea, select')) return;
      // Nothing behind the view reacts to keys while it is open (the grid's shortcuts included).
      event.stopPropagation();
      const step = { j: 1, ArrowDown: 1, k: -1, ArrowUp: -1 }[event.key];
      if (event.key === 'Escape') useCompareStore.getState().close();
      else if (step) {
        const { rows: all, at } = latest.current;
        const next = all[Math.max(0, Math.min(all.length - 1, at + step))];
        if (next) useCompareStore.getState().select(next.path);
      } else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      previous?.focus?.();
    };
  }, []);

  const counts = compareCounts(rows);
  const loading = !leftView?.diff || !rightView?.diff;
  return (
    <section
      ref={ref}
      className="compare"
      role="dialog"
      aria-modal="true"
      aria-label={`Compare ${left.name} and ${right.name}`}
      tabIndex={-1}
    >
      <header className="compare-head">
        <h2>Compare sessions</h2>
        {left.prompt === right.prompt ? (
          <span className="compare-prompt muted" title={left.prompt}>
            Same prompt: {left.prompt.split('\n')[0]}
          </span>
        ) : null}
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => useCompareStore.getState().close()} title="Esc">
          Close
        </button>
      </header>
      <div className="compare-sides">
        <SideSummary session={left} view={leftView} side="left" />
        <SideSummary session={right} view={rightView} side="right" />
      </div>
      <p className="compare-summary muted" aria-live="polite">
        {loading
          ? 'Computing both diffs…'
          : `${rows.length} file${rows.length === 1 ? '' : 's'} changed: ${counts.both} by both, ` +
            `${counts.onlyLeft} only by ${left.name}, ${counts.onlyRight} only by ${right.name}` +
            (conflicting.size > 0
              ? `; merging both would conflict in ${conflicting.size} file${conflicting.size === 1 ? '' : 's'}`
              : '')}
      </p>
      <div className="compare-body">
        <CompareFileTable
          rows={rows}
          conflicting={conflicting}
          selected={row?.path ?? null}
          leftName={left.name}
          rightName={right.name}
          onSelect={(path) => useCompareStore.getState().select(path)}
        />
        <div className="compare-patches">
          {row ? (
            <>
              <SidePatch session={left} view={leftView} file={row.left} row={row} />
              <SidePatch session={right} view={rightView} file={row.right} row={row} />
            </>
          ) : (
            <p className="diff-note muted">{loading ? 'Loading…' : 'Neither session changed any file.'}</p>
          )}
        </div>
      </div>
    </section>
  );
}

function SideSummary(props: { session: Session; view: SessionDiffView | undefined; side: 'left' | 'right' }) {
  const { session, view } = props;
  const diff = view?.diff;
  return (
    <section className={`compare-side ${props.side}`} aria-label={`${session.name} summary`}>
      <div className="compare-side-title">
        <strong>{session.name}</strong>
        <span className="chip">{session.provider}</span>
        <StatusBadge status={session.status} />
      </div>
      <code className="compare-branch muted">{session.branch}</code>
      <span className="compare-totals" aria-label={`${session.name} totals`}>
        {diff ? (
          <>
            {diff.changedFiles} file{diff.changedFiles === 1 ? '' : 's'} <span className="plus">+{diff.additions}</span>{' '}
            <span className="minus">−{diff.deletions}</span>
            {diff.ahead ? (
              <span className="muted">
                {' '}
                · {diff.ahead} commit{diff.ahead === 1 ? '' : 's'}
              </span>
            ) : null}
          </>
        ) : view?.error ? (
          <span className="error-text">{view.error}</span>
        ) : (
          <span className="muted">Computing…</span>
        )}
      </span>
    </section>
  );
}

/** One session's patch of the selected file (read-only), or that it left the file alone. */
function SidePatch(props: {
  session: Session;
  view: SessionDiffView | undefined;
  file: DiffFile | null;
  row: CompareRow;
}) {
  const { session, file, row } = props;
  const entry = file ? props.view?.patches[file.path] : undefined;
  const needsLoad = !!file && (!entry || (entry.state === 'ready' && entry.stale));
  useEffect(() => {
    if (needsLoad) void useDiffStore.getState().loadFile(session.id, row.path);
  }, [session.id, row.path, needsLoad]);
  return (
    <section className="compare-patch" aria-label={`${session.name}: ${row.path}`}>
      <header className="diff-file-head">
        <strong className="compare-patch-name">{session.name}</strong>
        <code className="diff-file-name" title={row.path}>
          {file?.oldPath ? `${file.oldPath} → ` : ''}
          {row.path}
        </code>
        <span className="spacer" />
        {file ? <FileCounts file={file} /> : null}
      </header>
      <div className="diff-scroll">
        {file ? (
          <DiffPatchView entry={entry} layout="unified" />
        ) : (
          <p className="diff-note muted">{session.name} did not change this file.</p>
        )}
      </div>
    </section>
  );
}
