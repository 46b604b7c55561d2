import type { ReactNode } from 'react';
import { FoldedText } from './folded-text.js';

/** The foot of a dialog's form: the error about the form as a whole (if any), Cancel, and the submit button. */
export function FormActions(props: {
  error?: string | null | undefined;
  onCancel(): void;
  submit: ReactNode;
  disabled?: boolean | undefined;
  submitTitle?: string | undefined;
}) {
  return (
    <>
      {props.error ? (
        <div className="field-error" role="alert">
          <FoldedText text={props.error} />
        </div>
      ) : null}
      <div className="modal-actions">
        <button type="button" className="btn" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn primary" disabled={props.disabled} title={props.submitTitle}>
          {props.submit}
        </button>
      </div>
    </>
  );
}
