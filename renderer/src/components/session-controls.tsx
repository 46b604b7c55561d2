import type { Session } from '../../../shared/session.js';
import { isEnded, isLive } from '../../../shared/session-state.js';
import { sessionActions } from '../api/session-actions.js';
import { useSettingsStore } from '../stores/settings-store.js';

/**
 * Pause/Resume, Terminate, Restart and Archive (when ended) and Remove for one session, in a card or the
 * focused view; the focused view also opens the worktree in an editor or terminal (desktop app) or copies its path.
 */
export function SessionControls({ session, compact = false }: { session: Session; compact?: boolean }) {
  const ended = isEnded(session.status);
  // A finished session has no use for Pause and Terminate: it offers Restart, Archive and Remove instead (two
  // disabled buttons pushed the focused view's header past its one row at 1280 px).
  const lifecycle = !ended;
  const openTools = useSettingsStore((s) => s.openTools);
  return (
    <div className={`controls${compact ? ' compact' : ''}`}>
      {!lifecycle ? null : session.status === 'paused' ? (
        <button type="button" className="btn" onClick={() => void sessionActions.resume([session.id])}>
          Resume
        </button>
      ) : (
        <button
          type="button"
          className="btn"
          disabled={!isLive(session.status)}
          onClick={() => void sessionActions.pause([session.id])}
        >
          Pause
        </button>
      )}
      {lifecycle ? (
        <button
          type="button"
          className="btn danger-text"
          disabled={ended}
          onClick={() => void sessionActions.terminate([session.id])}
        >
          Terminate
        </button>
      ) : null}
      {ended ? (
        <button
          type="button"
          className="btn"
          title="Run the agent again in the same worktree and branch, resuming its conversation where it can"
          onClick={() => void sessionActions.restart([session.id])}
        >
          Restart
        </button>
      ) : null}
      {compact ? null : openTools ? (
        <>
          <button type="button" className="btn" onClick={() => void sessionActions.open(session.id, 'editor')}>
            Open in editor
          </button>
          <button type="button" className="btn" onClick={() => void sessionActions.open(session.id, 'terminal')}>
            Open terminal
          </button>
        </>
      ) : (
        <button
          type="button"
          className="btn"
          title={`Copy the worktree's path: ${session.worktreePath}`}
          onClick={() => void sessionActions.copyPath(session.worktreePath)}
        >
          Copy path
        </button>
      )}
      {ended ? (
        <button
          type="button"
          className="btn"
          title={session.archivedAt ? 'Back into the grid' : 'Move out of the grid into the Archived view'}
          onClick={() => void sessionActions.archive(session.id, !session.archivedAt)}
        >
          {session.archivedAt ? 'Unarchive' : 'Archive'}
        </button>
      ) : null}
      <button
        type="button"
        className="btn danger-text"
        onClick={() => void sessionActions.remove(session.id, session.name)}
      >
        Remove
      </button>
    </div>
  );
}
