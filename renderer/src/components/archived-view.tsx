import { useMemo, useState } from 'react';
import { sessionActions } from '../api/session-actions.js';
import { useLastScreen } from '../hooks/use-last-screen.js';
import { useSessionsStore } from '../stores/sessions-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { repoName } from '../stores/visible-sessions.js';
import '../styles/archive.css';
import { DiffPanel } from './diff-panel.js';
import { RelativeTime } from './relative-time.js';
import { SessionDetails } from './session-details.js';
import { StatusBadge } from './status-badge.js';

/** Finished sessions moved out of the grid: newest archived first, each with its last screen, diff and details. */
export function ArchivedView() {
  const byId = useSessionsStore((s) => s.byId);
  const archived = useMemo(
    () =>
      Object.values(byId)
        .filter((s) => s.archivedAt)
        .sort((a, b) => (b.archivedAt ?? '').localeCompare(a.archivedAt ?? '')),
    [byId],
  );
  const [chosenId, setChosenId] = useState<string | null>(null);
  const chosen = archived.find((s) => s.id === chosenId) ?? archived[0] ?? null;
  const screen = useLastScreen(chosen?.id ?? null);
  const ui = useUiStore.getState();

  return (
    <section className="archive" aria-label="Archived sessions">
      <header className="archive-head">
        <button type="button" className="btn" onClick={() => ui.setArchiveOpen(false)}>
          ← Grid
        </button>
        <h1 className="archive-title">Archived</h1>
        <span className="muted">{archived.length === 1 ? '1 session' : `${archived.length} sessions`}</span>
      </header>
      {archived.length === 0 ? (
        <div className="grid-message">Nothing archived yet. Finished sessions can be archived from their card.</div>
      ) : (
        <div className="archive-body">
          <ul className="archive-list" aria-label="Archived session list">
            {archived.map((s) => (
              <li key={s.id} className={`archive-row${s.id === chosen?.id ? ' chosen' : ''}`}>
                <button
                  type="button"
                  className="archive-name"
                  aria-current={s.id === chosen?.id}
                  onClick={() => setChosenId(s.id)}
                >
                  {s.name}
                </button>
                <StatusBadge status={s.status} />
                <span className="muted archive-meta">
                  {s.provider} · {repoName(s.repoPath)} · archived <RelativeTime iso={s.archivedAt ?? s.updatedAt} />
                </span>
              </li>
            ))}
          </ul>
          {chosen ? (
            <div className="archive-detail">
              <div className="archive-actions">
                <button type="button" className="btn" onClick={() => ui.focus(chosen.id)}>
                  Open terminal
                </button>
                <button type="button" className="btn" onClick={() => void sessionActions.archive(chosen.id, false)}>
                  Unarchive
                </button>
                <button
                  type="button"
                  className="btn danger-text"
                  onClick={() => void sessionActions.remove(chosen.id, chosen.name)}
                >
                  Remove
                </button>
              </div>
              <pre className="archive-screen" aria-label="Last screen">
                {screen ?? 'Loading the last screen…'}
              </pre>
              <DiffPanel key={`diff-${chosen.id}`} session={chosen} readOnly />
              <SessionDetails key={chosen.id} session={chosen} />
            </div>
          ) : null}
        </div>
      )}
    </section>
  );
}
