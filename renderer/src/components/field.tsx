import type { ReactNode } from 'react';
import { FoldedText } from './folded-text.js';

/** A labelled form control with its inline error (a long one folded) or a hint; the label names the control only. */
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
        <div className="field-error" role="alert" id={`${props.id}-error`}>
          <FoldedText text={props.error} />
        </div>
      ) : props.hint ? (
        <small className="muted">{props.hint}</small>
      ) : null}
    </div>
  );
}
