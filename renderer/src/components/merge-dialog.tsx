import '../styles/git-flow.css';
import { useState } from 'react';
import type { Session } from '../../../shared/session.js';
import { diffActions } from '../api/diff-actions.js';
import { errorCode, errorMessage } from '../api/errors.js';
import { MergeOverride } from './validation/merge-override.js';
import { sessionActions } from '../api/session-actions.js';
import { Modal } from './modal.js';
import { MessageDialog } from './message-dialog.js';

/** Squash-merge into the base branch; once merged, offers to remove the session (worktree and branch). */
export function MergeDialog({ session, onClose }: { session: Session; onClose(): void }) {
  const [merged, setMerged] = useState<{ commit: string; baseBranch: string } | null>(null);
  // Refused by the validation gate: its reason, and the message to resend with the override.
  const [refused, setRefused] = useState<{ message: string; reason: string } | null>(null);
  if (merged)
    return (
      <Modal title="Merged" onClose={onClose}>
        <p className="modal-body">
          Squash-merged into <code>{merged.baseBranch}</code> as <code>{merged.commit.slice(0, 8)}</code>. Remove the
          session now (its worktree and branch)?
        </p>
        <div className="modal-actions">
          <button type="button" className="btn" onClick={onClose}>
            Keep session
          </button>
          <button
            type="button"
            className="btn danger"
            onClick={() => {
              onClose();
              void sessionActions.remove(session.id, session.name);
            }}
          >
            Remove session
          </button>
        </div>
      </Modal>
    );
  if (refused)
    return <MergeOverride session={session} {...refused} onClose={onClose} onMerged={(result) => setMerged(result)} />;
  return (
    <MessageDialog
      title={`Merge into ${session.baseBranch}`}
      label="Squash commit message"
      initial={session.prompt.split('\n')[0]?.trim() || session.name}
      submitLabel="Squash-merge"
      onClose={onClose}
      run={async (message) => {
        try {
          setMerged(await diffActions.merge(session.id, message));
        } catch (error) {
          if (errorCode(error) !== 'VALIDATION_REQUIRED') throw error;
          setRefused({ message, reason: errorMessage(error) });
        }
      }}
    />
  );
}
