import '../styles/diff.css';
import '../styles/base-status.css';
import { useCallback, useEffect, useState } from 'react';
import type { Session } from '../../../shared/session.js';
import { diffActions } from '../api/diff-actions.js';
import { useDiffStore, type SessionDiffView } from '../stores/diff-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { DiffFileList, FileCounts } from './diff-file-list.js';
import { CommitDialog } from './commit-dialog.js';
import { MergeDialog } from './merge-dialog.js';
import { PushDialog } from './push-dialog.js';
import { RebaseDialog } from './rebase-dialog.js';
import { DiffPatchView, type DiffLayout } from './diff-patch-view.js';
import { baseStatusNotes } from '../diff/base-status-notes.js';
import { useHunkNavigation } from '../diff/use-hunk-navigation.js';
import { mergeReadiness } from '../diff/merge-readiness.js';
import { usePrefsStore } from '../stores/prefs-store.js';
import { PaneResizer } from './pane-resizer.js';
import { SendReviewButton } from './review/send-review-button.js';

const NO_VIEW: SessionDiffView = { diff: null, error: null, loading: true, selected: null, viewed: {}, patches: {} };

/**
 * A session's changes against its base branch: files, the selected file's patch, git actions.
 * `readOnly` (the Archived view): browse only, no commit, merge or revert. `resizable` (the focused view): a
 * drag handle above sets its height, kept in the prefs store. With nothing to show it folds to its header line.
 */
export function DiffPanel(props: { session: Session; readOnly?: boolean; resizable?: boolean }) {
  const { session, readOnly = false, resizable = false } = props;
  const id = session.id;
  const view = useDiffStore((s) => s.views[id]) ?? NO_VIEW;
  const stats = useDiffStore((s) => s.stats[id]);
  const share = usePrefsStore((s) => s.diffShare);
  // Commits behind are in the totals line; a gone base or a dirty base checkout gets its own note.
  const baseNotes = baseStatusNotes(stats).filter((n) => n.kind !== 'behind');
  const dirtyBase = baseNotes.find((n) => n.kind === 'dirty');
  const [layout, setLayout] = useState<DiffLayout>('unified');
  const [dialog, setDialog] = useState<'commit' | 'merge' | 'rebase' | 'push' | null>(null);
  const closeDialog = useCallback(() => setDialog(null), []);
  const store = useDiffStore.getState();

  useEffect(() => void useDiffStore.getState().load(id), [id]);
  const hunks = useHunkNavigation(id);

  const { diff, selected } = view;
  const file = diff?.files.find((f) => f.path === selected);
  const entry = selected ? view.patches[selected] : undefined;
  const needsLoad = !!file && (!entry || (entry.state === 'ready' && entry.stale));
  useEffect(() => {
    if (needsLoad && selected) void useDiffStore.getState().loadFile(id, selected);
  }, [id, selected, needsLoad]);

  const confirmDiscard = () =>
    useUiStore.getState().askConfirm({
      title: `Discard the changes of ${session.name}?`,
      body: 'Uncommitted and untracked changes in its worktree are deleted for good; its commits stay.',
      confirmLabel: 'Discard changes',
      onConfirm: () => void diffActions.discard(id),
    });
  const confirmRevert = (path: string) =>
    useUiStore.getState().askConfirm({
      title: `Revert ${path}?`,
      body: `The file goes back to its state on ${session.baseBranch}; the agent's change to it is lost.`,
      confirmLabel: 'Revert file',
      onConfirm: () => void diffActions.revertFile(id, path),
    });

  const viewedCount = diff ? diff.files.filter((f) => view.viewed[f.path]).length : 0;
  // The totals of the diff just loaded when there is one (the card's stats may lag it by an event).
  const readiness = mergeReadiness(diff ?? stats, session.status);
  const expanded = Boolean(diff?.files.length) || Boolean(view.error) || baseNotes.length > 0;
  return (
    <>
      {resizable && expanded ? <PaneResizer /> : null}
      <section
        className={`diff-panel${expanded ? '' : ' collapsed'}`}
        aria-label="Changes"
        style={resizable && expanded ? { flexBasis: `${Math.round(share * 1000) / 10}%` } : undefined}
      >
        <header className="diff-head">
          <h3>Changes</h3>
          {diff?.merged ? (
            <span className="diff-totals" aria-label="Diff totals">
              <span className="card-merged">merged</span>{' '}
              <span className="muted">
                every change is in <code>{diff.baseBranch}</code>
              </span>
            </span>
          ) : diff && diff.files.length === 0 && !view.error ? (
            <span className="diff-totals muted" aria-label="Diff totals">
              No changes against <code>{diff.baseBranch}</code> yet
              {diff.ahead ? ` · ${diff.ahead} ahead` : ''}
            </span>
          ) : diff ? (
            <span className="diff-totals" aria-label="Diff totals">
              {diff.changedFiles} file{diff.changedFiles === 1 ? '' : 's'}{' '}
              <span className="plus">+{diff.additions}</span> <span className="minus">−{diff.deletions}</span>
              <span className="muted">
                {' '}
                vs <code>{diff.baseBranch}</code>
                {diff.ahead ? ` · ${diff.ahead} ahead` : ''}
                {diff.behind ? ` · ${diff.behind} behind` : ''}
                {diff.files.length ? ` · ${viewedCount}/${diff.files.length} viewed` : ''}
              </span>
            </span>
          ) : view.loading ? (
            <span className="muted">Computing…</span>
          ) : null}
          <span className="spacer" />
          <div className="segmented" role="group" aria-label="Diff layout">
            {(['unified', 'split'] as const).map((l) => (
              <button key={l} type="button" className="btn" aria-pressed={layout === l} onClick={() => setLayout(l)}>
                {l === 'unified' ? 'Unified' : 'Side by side'}
              </button>
            ))}
          </div>
          {readOnly ? null : (
            <>
              <SendReviewButton sessionId={id} />
              <button type="button" className="btn" disabled={!diff?.files.length} onClick={() => setDialog('commit')}>
                Commit…
              </button>
              <button
                type="button"
                className={`btn${readiness === 'ready' ? ' primary' : ''}`}
                disabled={!diff || readiness === 'merged' || readiness === 'empty'}
                title={
                  readiness === 'merged'
                    ? `Every change is already in ${session.baseBranch}`
                    : readiness === 'empty'
                      ? 'Nothing to merge yet'
                      : dirtyBase?.detail
                }
                onClick={() => setDialog('merge')}
              >
                Merge into base
              </button>
              <button
                type="button"
                className="btn"
                disabled={!diff}
                title={
                  diff?.behind
                    ? `${diff.behind} new commit${diff.behind === 1 ? '' : 's'} on ${diff.baseBranch}`
                    : undefined
                }
                onClick={() => setDialog('rebase')}
              >
                Rebase
              </button>
              <button type="button" className="btn" disabled={!diff} onClick={() => setDialog('push')}>
                Push
              </button>
              <button type="button" className="btn danger-text" disabled={!diff?.files.length} onClick={confirmDiscard}>
                Discard changes
              </button>
            </>
          )}
        </header>
        {view.errorCode === 'WORKTREE_MISSING' ? (
          <p className="diff-note muted" role="status">
            The worktree of this session is gone, so there are no changes to show. Anything committed stays on its
            branch <code>{session.branch}</code> while the branch exists.
          </p>
        ) : view.error && !baseNotes.some((n) => n.kind === 'missing') ? (
          <p className="diff-note error-text">Could not compute the diff: {view.error}</p>
        ) : null}
        {baseNotes.map((note) => (
          <p key={note.kind} className="diff-note base-warning" role="status" aria-label="Base branch">
            {note.detail}
          </p>
        ))}
        {diff && diff.files.length > 0 ? (
          <div className="diff-body" onKeyDown={hunks.onKeyDown}>
            <div className="diff-files-col">
              <DiffFileList
                files={diff.files}
                selected={selected}
                viewed={view.viewed}
                onSelect={(path) => store.select(id, path)}
                onMove={(step) => store.move(id, step)}
                onToggleViewed={(path) => store.toggleViewed(id, path)}
              />
              {diff.truncated ? (
                <p className="diff-note muted small">
                  Showing {diff.files.length} of {diff.changedFiles} files.
                </p>
              ) : null}
            </div>
            <div className="diff-file-view">
              {file ? (
                <>
                  <header className="diff-file-head">
                    <code className="diff-file-name" title={file.path}>
                      {file.oldPath ? `${file.oldPath} → ` : ''}
                      {file.path}
                    </code>
                    <FileCounts file={file} />
                    <span className="spacer" />
                    <label className="toggle">
                      <input
                        type="checkbox"
                        checked={view.viewed[file.path] === true}
                        onChange={() => store.toggleViewed(id, file.path)}
                      />
                      Viewed
                    </label>
                    {readOnly ? null : (
                      <button type="button" className="btn" onClick={() => confirmRevert(file.path)}>
                        Revert file
                      </button>
                    )}
                  </header>
                  <div className="diff-scroll" tabIndex={0}>
                    <DiffPatchView
                      entry={entry}
                      layout={layout}
                      sessionId={readOnly ? undefined : id}
                      baseBranch={session.baseBranch}
                      currentHunk={hunks.currentHunk}
                    />
                  </div>
                </>
              ) : null}
            </div>
          </div>
        ) : null}
        {dialog === 'commit' ? <CommitDialog session={session} onClose={closeDialog} /> : null}
        {dialog === 'merge' ? <MergeDialog session={session} onClose={closeDialog} /> : null}
        {dialog === 'rebase' ? <RebaseDialog session={session} onClose={closeDialog} /> : null}
        {dialog === 'push' ? <PushDialog session={session} onClose={closeDialog} /> : null}
      </section>
    </>
  );
}
