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
        <Field
          id="st-editor"
          label="Editor command"
          error={errors.editor}
          className="grow"
          hint="Empty: $VISUAL or $EDITOR when graphical, else code. The worktree is added last, or where {path} is"
        >
          <input
            id="st-editor"
            value={draft.editor}
            placeholder="code --new-window"
            onChange={(e) => onChange({ ...draft, editor: e.target.value })}
          />
        </Field>
        <Field
          id="st-terminal"
          label="Terminal command"
          error={errors.terminal}
          className="grow"
          hint='Empty: $TERMINAL or the first terminal found. Words split on spaces; ["a b", "c"] for spaces in one'
        >
          <input
            id="st-terminal"
            value={draft.terminal}
            placeholder="gnome-terminal"
            onChange={(e) => onChange({ ...draft, terminal: e.target.value })}
          />
        </Field>
      </div>
    </>
  );
}
