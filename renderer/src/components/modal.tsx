import { useEffect, useRef, type ReactNode } from 'react';

/** Open dialogs, innermost last: Escape closes only the innermost (a confirm over Settings, say). */
const openModals: object[] = [];

/** A dialog over the page: Escape or the backdrop closes it; focus moves in and returns on close. */
export function Modal(props: {
  title: string;
  onClose(): void;
  children: ReactNode;
  wide?: boolean;
  role?: 'dialog' | 'alertdialog';
}) {
  const ref = useRef<HTMLDivElement>(null);
  const { onClose } = props;
  // The latest onClose, without re-running the effect below (that would move focus and the stack order).
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  }, [onClose]);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>('[data-autofocus], input, select, textarea, button');
    first?.focus();
    const self = {};
    openModals.push(self);
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || openModals.at(-1) !== self) return;
      event.stopPropagation();
      close.current();
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      openModals.splice(openModals.indexOf(self), 1);
      window.removeEventListener('keydown', onKey, true);
      previous?.focus?.();
    };
  }, []);
  return (
    <div className="backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div
        ref={ref}
        className={`modal${props.wide ? ' wide' : ''}`}
        role={props.role ?? 'dialog'}
        aria-modal="true"
        aria-label={props.title}
      >
        <header className="modal-head">
          <h2>{props.title}</h2>
          <button type="button" className="icon-btn" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        {props.children}
      </div>
    </div>
  );
}
