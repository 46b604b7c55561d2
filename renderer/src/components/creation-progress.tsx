import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import '../styles/creation-progress.css';
import { CREATION_LABEL, creationState, watchedSessions, type CreationWatch } from '../stores/creation-progress.js';
import { useSessionsStore } from '../stores/sessions-store.js';

/** One line per session the dialog is making, with where it is, live from the session events. */
export function CreationProgress({ watch }: { watch: CreationWatch }) {
  const sessions = useSessionsStore(useShallow((s) => watchedSessions(s.byId, watch)));
  const ref = useRef<HTMLElement>(null);
  const shown = sessions.length > 0;
  // In a dialog taller than the window the lines appear below the fold: bring them into view once.
  useEffect(() => {
    if (shown) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [shown]);
  if (!shown) return null;
  return (
    <section className="creation-progress" aria-label="Creation progress" ref={ref}>
      <ul aria-live="polite">
        {sessions.map((session) => {
          const state = creationState(session);
          return (
            <li key={session.id} className={`creation-line state-${state}`} data-state={state}>
              <span className="creation-dot" aria-hidden="true" />
              <span className="creation-name">{session.name}</span>
              <span className="creation-state">{CREATION_LABEL[state]}</span>
              {state === 'failed' && session.error ? <span className="creation-error">{session.error}</span> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
