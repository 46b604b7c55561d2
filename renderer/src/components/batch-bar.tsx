import { useState } from 'react';
import { isEnded } from '../../../shared/session-state.js';
import { sessionActions } from '../api/session-actions.js';
import { MergeQueuePanel } from './merge-queue/merge-queue-panel.js';
import { MergeSelectedButton } from './merge-queue/merge-selected-button.js';
import { useCompareStore } from '../stores/compare-store.js';
import { removalProgress, useRemovalStore } from '../stores/removal-store.js';
import { inGridOrder, selectedIds, useSelectionStore } from '../stores/selection-store.js';
import { useSessionsStore } from '../stores/sessions-store.js';
import { useTeamStore } from '../stores/team-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { useViewStore } from '../stores/view-store.js';

function selectWhere(status?: string): void {
  const byId = useSessionsStore.getState().byId;
  const order = useViewStore.getState().order;
  useSelectionStore.getState().setMany(status ? order.filter((id) => byId[id]?.status === status) : order);
}

function isEndedId(id: string): boolean {
  const session = useSessionsStore.getState().byId[id];
  return session !== undefined && isEnded(session.status);
}

function plural(n: number): string {
  return `${n} session${n === 1 ? '' : 's'}`;
}

/** A button that runs an action on the sessions selected when it is clicked. */
function SelectionAction(props: { label: string; title?: string; run(ids: string[]): Promise<unknown> }) {
  return (
    <button type="button" className="btn" title={props.title} onClick={() => void props.run(selectedIds())}>
      {props.label}
    </button>
  );
}

/** Selection shortcuts and what to do with the selected sessions. */
export function BatchBar() {
  const count = useSelectionStore((s) => Object.keys(s.selected).length);
  const [message, setMessage] = useState('');
  const confirm = useUiStore((s) => s.askConfirm);
  const removing = useRemovalStore(removalProgress);

  const terminate = () => {
    const ids = selectedIds();
    confirm({
      title: `Terminate ${plural(ids.length)}?`,
      body: 'Their agents are stopped. Worktrees and branches stay until you remove the sessions.',
      confirmLabel: `Terminate ${plural(ids.length)}`,
      onConfirm: () => void sessionActions.terminate(ids),
    });
  };
  const remove = () => {
    const ids = selectedIds();
    confirm({
      title: `Remove ${plural(ids.length)}?`,
      body: 'Their agents are stopped and their worktrees and branches deleted, uncommitted work included.',
      confirmLabel: `Remove ${plural(ids.length)}`,
      onConfirm: () => {
        useSelectionStore.getState().clear();
        void sessionActions.removeMany(ids);
      },
    });
  };
  const broadcast = () => {
    if (!message.trim()) return;
    void sessionActions.broadcast(selectedIds(), message);
    setMessage('');
  };

  return (
    <div className="batch-bar" role="toolbar" aria-label="Batch actions">
      <span className="batch-select">
        <span className="muted">Select</span>
        <button type="button" className="link" onClick={() => selectWhere()}>
          All
        </button>
        <button type="button" className="link" onClick={() => selectWhere('waiting')}>
          Waiting
        </button>
        <button type="button" className="link" onClick={() => selectWhere('idle')}>
          Idle
        </button>
        {count > 0 ? (
          <button type="button" className="link" onClick={() => useSelectionStore.getState().clear()}>
            None
          </button>
        ) : null}
      </span>
      {count > 0 ? (
        <span className="batch-actions">
          <strong className="batch-count">{count} selected</strong>
          <button
            type="button"
            className="btn"
            disabled={count !== 2}
            title={count === 2 ? 'Compare the two sessions side by side' : 'Select exactly two sessions to compare'}
            onClick={() => {
              const [left, right] = inGridOrder(selectedIds(), useViewStore.getState().order);
              if (left && right) useCompareStore.getState().open(left, right);
            }}
          >
            Compare
          </button>
          <MergeSelectedButton count={count} />
          <SelectionAction
            label="Approve selected"
            title="Approve the question of every selected session that is waiting; the others are skipped"
            run={(ids) => sessionActions.approveWaiting(ids)}
          />
          <SelectionAction label="Pause selected" run={(ids) => sessionActions.pause(ids)} />
          <SelectionAction label="Resume selected" run={(ids) => sessionActions.resume(ids)} />
          <SelectionAction label="Auto-yes on" run={(ids) => sessionActions.setAutoYes(ids, true)} />
          <SelectionAction label="Auto-yes off" run={(ids) => sessionActions.setAutoYes(ids, false)} />
          <SelectionAction
            label="Restart selected"
            title="Run the selected finished sessions again in their worktrees; live ones are skipped"
            run={(ids) => sessionActions.restart(ids.filter(isEndedId))}
          />
          <SelectionAction
            label="Archive selected"
            title="Move the selected finished sessions to the Archived view; running ones stay"
            run={(ids) => sessionActions.archiveFinished(ids)}
          />
          <button type="button" className="btn danger-text" onClick={terminate}>
            Terminate selected
          </button>
          <button type="button" className="btn danger-text" onClick={remove}>
            Remove selected
          </button>
          <button
            type="button"
            className="btn"
            title="Queue a message for every selected agent: sequential, important or urgent"
            onClick={() => useTeamStore.getState().openMessage(selectedIds())}
          >
            Message…
          </button>
          <form
            className="broadcast"
            onSubmit={(event) => {
              event.preventDefault();
              broadcast();
            }}
          >
            <input
              aria-label="Message to selected sessions"
              placeholder="Message every selected agent…"
              value={message}
              onChange={(event) => setMessage(event.target.value)}
            />
            <button type="submit" className="btn" disabled={!message.trim()}>
              Broadcast
            </button>
          </form>
        </span>
      ) : removing ? null : (
        <span className="muted small">Click a card to select it, shift-click for a range.</span>
      )}
      {removing ? (
        <span className="batch-progress" role="status">
          <span className="batch-spinner" aria-hidden="true" />
          {removing}
        </span>
      ) : null}
      <MergeQueuePanel />
    </div>
  );
}
