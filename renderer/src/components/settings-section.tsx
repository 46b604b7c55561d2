import '../styles/settings-section.css';
import type { ReactNode } from 'react';

/**
 * One section of Settings below the host's own fields (Profiles, Repositories, Storage): a rule above,
 * its heading with a one-line caption, optional buttons at the right, then its content.
 */
export function SettingsSection(props: {
  id: string;
  title: string;
  caption: string;
  className: string;
  actions?: ReactNode;
  busy?: boolean;
  children: ReactNode;
}) {
  const heading = `${props.id}-heading`;
  return (
    <section className={`settings-section ${props.className}`} aria-labelledby={heading} aria-busy={props.busy}>
      <div className="settings-section-head">
        <h3 className="form-section" id={heading}>
          {props.title}
        </h3>
        <span className="muted small">{props.caption}</span>
        {props.actions ? (
          <>
            <span className="spacer" />
            {props.actions}
          </>
        ) : null}
      </div>
      {props.children}
    </section>
  );
}
