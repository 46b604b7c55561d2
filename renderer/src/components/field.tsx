import type { ReactNode } from 'react';

/** A labelled form control with its inline error (or a hint); the label names the control only. */
export function Field(props: {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={`field ${props.className ?? ''}`}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {props.error ? (
        <small className="field-error" role="alert" id={`${props.id}-error`}>
          {props.error}
        </small>
      ) : props.hint ? (
        <small className="muted">{props.hint}</small>
      ) : null}
    </div>
  );
}
