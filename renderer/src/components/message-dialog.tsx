import '../styles/git-flow.css';
import { useState, type FormEvent, type ReactNode } from 'react';
import { codedErrorMessage } from '../api/errors.js';
import { Field } from './field.js';
import { FormActions } from './form-actions.js';
import { Modal } from './modal.js';

/**
 * A message prompt that runs a git action, showing its typed error in place (e.g. MERGE_CONFLICT);
 * `children` go below the message (the commit's file list), `blocked` keeps it from submitting.
 */
export function MessageDialog(props: {
  title: string;
  label: string;
  initial: string;
  submitLabel: string;
  onClose(): void;
  run(message: string): Promise<void>;
  children?: ReactNode;
  blocked?: boolean;
  wide?: boolean;
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
      setError(codedErrorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title={props.title} onClose={props.onClose} wide={props.wide}>
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
        {props.children}
        <FormActions
          onCancel={props.onClose}
          disabled={busy || !message.trim() || props.blocked}
          submit={busy ? 'Working…' : props.submitLabel}
        />
      </form>
    </Modal>
  );
}
