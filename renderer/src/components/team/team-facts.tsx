import '../../styles/team.css';
import type { Session } from '../../../../shared/session.js';
import { useSessionsStore } from '../../stores/sessions-store.js';
import { useUiStore } from '../../stores/ui-store.js';

/** Session details' team lines: its parent, and whose worktree it shares (nothing for a lone session). */
export function TeamFacts({ session }: { session: Session }) {
  const parent = useSessionsStore((s) => (session.parentId ? s.byId[session.parentId] : undefined));
  const host = useSessionsStore((s) => (session.sharesWorktreeOf ? s.byId[session.sharesWorktreeOf] : undefined));
  return (
    <>
      {session.parentId ? (
        <>
          <dt>Parent</dt>
          <dd>{parent ? <SessionLink session={parent} /> : <span className="mono">{session.parentId}</span>}</dd>
        </>
      ) : null}
      {session.sharesWorktreeOf ? (
        <>
          <dt>Shares worktree</dt>
          <dd>{host ? <SessionLink session={host} /> : <span className="mono">{session.sharesWorktreeOf}</span>}</dd>
        </>
      ) : null}
    </>
  );
}

function SessionLink({ session }: { session: Session }) {
  return (
    <button type="button" className="link" onClick={() => useUiStore.getState().focus(session.id)}>
      {session.name}
    </button>
  );
}
