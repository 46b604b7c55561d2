import type { Session } from '../../../shared/session.js';
import { isEnded } from '../../../shared/session.js';
import { sessionActions } from '../api/session-actions.js';

const PAUSABLE = ['running', 'waiting', 'idle'];

/** Pause/Resume, Terminate, Archive (when ended) and Remove for one session, in a card or the focused view. */
export function SessionControls({ session, compact = false }: { session: Session; compact?: boolean }) {
  const ended = isEnded(session.status);
  // A finished session's card has no use for Pause and Terminate: it offers Archive and Remove instead.
  const lifecycle = !(compact && ended);
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
          disabled={!PAUSABLE.includes(session.status)}
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
