import { sessionActions } from '../api/session-actions.js';
import { useConversationStore } from '../stores/conversation-store.js';
import { useSessionsStore } from '../stores/sessions-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { ComparePicker } from './compare-picker.js';
import { ConversationPane } from './conversation/conversation-pane.js';
import { FocusedTabs } from './conversation/focused-tabs.js';
import { DiffPanel } from './diff-panel.js';
import { QuestionPanel } from './question-panel.js';
import { SessionControls } from './session-controls.js';
import { SessionDetails } from './session-details.js';
import { SessionName } from './session-name.js';
import { SessionRail } from './session-rail.js';
import { StatusBadge } from './status-badge.js';
import { TerminalPane } from './terminal-pane.js';

/** One session up close: the interactive terminal beside its details, and its diff below. */
export function FocusedView({ id }: { id: string }) {
  const session = useSessionsStore((s) => s.byId[id]);
  const tab = useConversationStore((s) => s.tab);
  const back = () => useUiStore.getState().focus(null);
  if (!session) return null;
  return (
    <div className="focused">
      <SessionRail focusedId={id} />
      <div className="focused-main">
        <header className="focused-head">
          <button type="button" className="btn" onClick={back} title="Back to the grid (Esc)">
            ← Grid
          </button>
          <h1 className="focused-title" title={session.name}>
            <SessionName name={session.name} />
          </h1>
          <StatusBadge status={session.status} queued={Boolean(session.queuedAt)} />
          <label className="toggle">
            <input
              type="checkbox"
              checked={session.autoYes}
              onChange={(e) => void sessionActions.setAutoYes([id], e.target.checked)}
            />
            Auto-yes
          </label>
          <span className="spacer" />
          <ComparePicker session={session} />
          <SessionControls session={session} />
        </header>
        <QuestionPanel session={session} />
        <div className="focused-body">
          <div className="focused-pane">
            <FocusedTabs />
            {tab === 'conversation' ? (
              <ConversationPane key={id} sessionId={id} />
            ) : (
              <TerminalPane key={id} sessionId={id} />
            )}
          </div>
          <aside className="side">
            <SessionDetails key={id} session={session} />
          </aside>
        </div>
        <DiffPanel key={id} session={session} resizable />
      </div>
    </div>
  );
}
