import { useState } from 'react';
import type { MergeResult } from '../../../../shared/git.js';
import type { Session } from '../../../../shared/session.js';
import { api } from '../../api/api-instance.js';
import { codedErrorMessage } from '../../api/errors.js';
import { useDiffStore } from '../../stores/diff-store.js';
import { Modal } from '../modal.js';

/**
 * The merge dialog after the validation gate refused: the reason, and "Merge anyway", which resends the
 * merge with the override (recorded in the session's history).
 */
export function MergeOverride(props: {
  session: Session;
  message: string;
  reason: string;
  onClose(): void;
  onMerged(result: MergeResult): void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mergeAnyway = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await api().invoke('session.merge', {
        id: props.session.id,
        message: props.message,
        override: true,
      });
      void useDiffStore.getState().load(props.session.id);
      props.onMerged(result);
    } catch (e) {
      setError(codedErrorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title="Validation not passed" onClose={props.onClose}>
      <p className="modal-body validation-refusal" role="alert">
        {props.reason}
      </p>
      <p className="modal-body muted">Merging anyway is recorded in the session&apos;s history.</p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="modal-actions">
        <button type="button" className="btn" onClick={props.onClose}>
          Cancel
        </button>
        <button type="button" className="btn danger" disabled={busy} onClick={() => void mergeAnyway()}>
          {busy ? 'Merging…' : 'Merge anyway'}
        </button>
      </div>
    </Modal>
  );
}
