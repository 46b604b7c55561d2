import { Field } from './field.js';

export interface OpenToolDraft {
  editor: string;
  terminal: string;
}

/**
 * Which editor and terminal "Open in editor" / "Open terminal here" (desktop app) and `flotilla open` start.
 * Typed as words split on spaces (no quoting, no shell) or a JSON array; `{path}` stands for the worktree.
 */
export function OpenToolSettings(props: {
  draft: OpenToolDraft;
  onChange(draft: OpenToolDraft): void;
  errors: { editor?: string | undefined; terminal?: string | undefined };
}) {
  const { draft, onChange, errors } = props;
  return (
    <>
      <h3 className="form-section">Editor and terminal</h3>
      <div className="field-row">
        <CommandField
          id="st-editor"
          label="Editor command"
          error={errors.editor}
          hint="Empty: $VISUAL or $EDITOR when graphical, else code. The worktree is added last, or where {path} is"
          value={draft.editor}
          placeholder="code --new-window"
          onChange={(editor) => onChange({ ...draft, editor })}
        />
        <CommandField
          id="st-terminal"
          label="Terminal command"
          error={errors.terminal}
          hint='Empty: $TERMINAL or the first terminal found. Words split on spaces; ["a b", "c"] for spaces in one'
          value={draft.terminal}
          placeholder="gnome-terminal"
          onChange={(terminal) => onChange({ ...draft, terminal })}
        />
      </div>
    </>
  );
}

/** One command setting: its text input with the label and the error or hint. */
function CommandField(props: {
  id: string;
  label: string;
  error: string | undefined;
  hint: string;
  value: string;
  placeholder: string;
  onChange(value: string): void;
}) {
  const { id, label, error, hint, value, placeholder, onChange } = props;
  return (
    <Field id={id} label={label} error={error} className="grow" hint={hint}>
      <input id={id} value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} />
    </Field>
  );
}
