import { useState, type KeyboardEvent } from 'react';
import { errorMessage } from '../../api/errors.js';

interface ComposerProps {
  /** What the box is for, e.g. "Comment on lines 3–5". */
  label: string;
  initial?: string;
  saveLabel: string;
  onSave(body: string): Promise<unknown>;
  onCancel(): void;
}

/** A comment's text box: Ctrl/⌘+Enter saves, Escape cancels; keys stay here (the diff's n/p do not fire). */
export function CommentComposer({ label, initial = '', saveLabel, onSave, onCancel }: ComposerProps) {
  const [body, setBody] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    if (!body.trim() || busy) return;
    setBusy(true);
    setError(null);
    try {
      await onSave(body);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };
  const onKeyDown = (event: KeyboardEvent) => {
    event.stopPropagation();
    if (event.key === 'Escape') onCancel();
    else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void save();
  };
  return (
    <div className="review-composer" onKeyDown={onKeyDown}>
      <textarea
        aria-label={label}
        placeholder={`${label} (Ctrl+Enter saves, Esc cancels)`}
        value={body}
        rows={3}
        autoFocus
        onChange={(event) => setBody(event.target.value)}
      />
      {error ? (
        <p className="error-text small" role="alert">
          {error}
        </p>
      ) : null}
      <div className="review-composer-actions">
        <button type="button" className="btn primary" disabled={!body.trim() || busy} onClick={() => void save()}>
          {saveLabel}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
