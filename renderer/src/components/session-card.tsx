import { memo, useRef, type MouseEvent } from 'react';
import '../styles/card-density.css';
import { useRenderCount } from '../hooks/use-render-count.js';
import { sessionActions } from '../api/session-actions.js';
import { usePrefsStore } from '../stores/prefs-store.js';
import { useRemovalStore } from '../stores/removal-store.js';
import { useSelectionStore } from '../stores/selection-store.js';
import { useSessionsStore } from '../stores/sessions-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { useViewStore } from '../stores/view-store.js';
import { repoName } from '../stores/visible-sessions.js';
import { CardDiffStats } from './card-diff-stats.js';
import { CardUsage } from './card-usage.js';
import { ConflictBadge } from './conflicts/conflict-badge.js';
import { ValidationBadge } from './validation/validation-badge.js';
import { CardPreview } from './card-preview.js';
import { QuestionPanel } from './question-panel.js';
import { QueuedNote } from './queued-note.js';
import { RelativeTime } from './relative-time.js';
import { SessionControls } from './session-controls.js';
import { SessionName } from './session-name.js';
import { StatusBadge } from './status-badge.js';
import { FoldToggle, ParentLink } from './team/team-links.js';

const INTERACTIVE = 'button, input, select, textarea, a, label';

/**
 * One session in the grid. Subscribes to its own session only, so other sessions' updates skip it.
 * Compact density (prefs): no terminal preview and no footer (they are in the focused view), the question and
 * its answers stay.
 */
export const SessionCard = memo(function SessionCard({ id }: { id: string }) {
  const session = useSessionsStore((s) => s.byId[id]);
  const selected = useSelectionStore((s) => s.selected[id] === true);
  const isCursor = useUiStore((s) => s.cursorId === id);
  const compact = usePrefsStore((s) => s.density === 'compact');
  const removing = useRemovalStore((s) => s.removing[id] === true);
  const ref = useRef<HTMLElement>(null);
  useRenderCount(ref);
  if (!session) return null;

  const onClick = (event: MouseEvent) => {
    if ((event.target as HTMLElement).closest(INTERACTIVE)) return;
    const selection = useSelectionStore.getState();
    if (event.shiftKey) selection.extendTo(id, useViewStore.getState().order);
    else if (event.metaKey || event.ctrlKey) selection.toggle(id);
    else selection.only(id);
    useUiStore.getState().setCursor(id);
  };
  const open = () => useUiStore.getState().focus(id);

  return (
    <article
      ref={ref}
      className={`card status-${session.status}${selected ? ' selected' : ''}${isCursor ? ' cursor' : ''}${compact ? ' compact' : ''}${removing ? ' removing' : ''}${session.parentId ? ' child' : ''}`}
      aria-label={session.name}
      // The card keyboard shortcuts act on (j/k move it): announced, and styled as `.cursor`.
      aria-current={isCursor ? 'true' : undefined}
      data-session-id={id}
      aria-busy={removing || undefined}
      onClick={onClick}
      // Shift-click extends the selection of cards, not a text selection across them.
      onMouseDown={(event) => event.shiftKey && event.preventDefault()}
      onDoubleClick={(event) => !(event.target as HTMLElement).closest(INTERACTIVE) && open()}
    >
      <header className="card-head">
        <input
          type="checkbox"
          className="card-check"
          aria-label={`Select ${session.name}`}
          checked={selected}
          onChange={() => useSelectionStore.getState().toggle(id)}
        />
        <button type="button" className="card-name" title={`${session.name}: open the terminal`} onClick={open}>
          <SessionName name={session.name} />
        </button>
        {removing ? (
          <span className="status card-removing">Removing…</span>
        ) : (
          <StatusBadge status={session.status} queued={Boolean(session.queuedAt)} />
        )}
      </header>
      <div className="card-meta">
        {session.parentId ? <ParentLink parentId={session.parentId} /> : null}
        <FoldToggle id={id} name={session.name} />
        <span className="chip">{session.provider}</span>
        <span className="meta-repo" title={`${session.repoPath} · ${session.branch}`}>
          {repoName(session.repoPath)} <span className="muted">/</span> {session.branch}
        </span>
        <span className="meta-time">
          <RelativeTime iso={session.lastActivityAt} />
        </span>
        <CardDiffStats id={id} />
        <CardUsage id={id} />
        <ValidationBadge id={id} />
        <ConflictBadge id={id} />
      </div>
      {compact ? null : <CardPreview id={id} question={session.status === 'waiting' ? session.question?.text : null} />}
      {session.status === 'failed' && session.error ? <p className="card-error">{session.error}</p> : null}
      {session.queuedAt ? <QueuedNote /> : null}
      <QuestionPanel session={session} />
      {compact ? null : (
        <footer className="card-foot">
          <label className="toggle" title="Answer this agent's questions automatically (dangerous commands still wait)">
            <input
              type="checkbox"
              checked={session.autoYes}
              onChange={(event) => void sessionActions.setAutoYes([id], event.target.checked)}
            />
            Auto-yes
          </label>
          <SessionControls session={session} compact />
        </footer>
      )}
    </article>
  );
});
