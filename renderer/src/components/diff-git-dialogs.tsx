import { useState, type FormEvent } from 'react';
import type { Session } from '../../../shared/session.js';
import { diffActions } from '../api/diff-actions.js';
import { errorCode, errorMessage } from '../api/errors.js';
import { sessionActions } from '../api/session-actions.js';
import { useUiStore } from '../stores/ui-store.js';
import { Field } from './field.js';
import { Modal } from './modal.js';

/** A message prompt that runs a git action, showing its typed error in place (e.g. MERGE_CONFLICT). */
function MessageDialog(props: {
  title: string;
  label: string;
  initial: string;
  submitLabel: string;
  onClose(): void;
  run(message: string): Promise<void>;
}) {
  const [message, setMessage] = useState(props.initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await props.run(message.trim());
    } catch (e) {
      const code = errorCode(e);
      setError(code ? `${code}: ${errorMessage(e)}` : errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title={props.title} onClose={props.onClose}>
      <form className="form" onSubmit={(event) => void submit(event)}>
        <Field id="git-message" label={props.label} error={error ?? undefined}>
          <textarea
            id="git-message"
            rows={4}
            value={message}
            onChange={(event) => setMessage(event.target.value)}
            aria-invalid={error ? true : undefined}
          />
        </Field>
        <div className="modal-actions">
          <button type="button" className="btn" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="btn primary" disabled={busy || !message.trim()}>
            {busy ? 'Working…' : props.submitLabel}
          </button>
        </div>
      </form>
    </Modal>
  );
}

export function CommitDialog({ session, onClose }: { session: Session; onClose(): void }) {
  return (
    <MessageDialog
      title="Commit changes"
      label="Commit message"
      initial=""
      submitLabel="Commit"
      onClose={onClose}
      run={async (message) => {
        const result = await diffActions.commit(session.id, message);
        useUiStore
          .getState()
          .notify(
            `Committed ${result.files} file${result.files === 1 ? '' : 's'} as ${result.commit.slice(0, 8)}`,
            'info',
          );
        onClose();
      }}
    />
  );
}

/** Squash-merge into the base branch; once merged, offers to remove the session (worktree and branch). */
export function MergeDialog({ session, onClose }: { session: Session; onClose(): void }) {
  const [merged, setMerged] = useState<{ commit: string; baseBranch: string } | null>(null);
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
  return (
    <MessageDialog
      title={`Merge into ${session.baseBranch}`}
      label="Squash commit message"
      initial={session.prompt.split('\n')[0]?.trim() || session.name}
      submitLabel="Squash-merge"
      onClose={onClose}
      run={async (message) => setMerged(await diffActions.merge(session.id, message))}
    />
  );
}
