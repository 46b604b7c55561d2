import { useUiStore } from '../stores/ui-store.js';
import { Modal } from './modal.js';
import { SHORTCUTS } from './shortcut-list.js';

export function HelpOverlay() {
  const open = useUiStore((s) => s.helpOpen);
  const setOpen = useUiStore((s) => s.setHelpOpen);
  if (!open) return null;
  return (
    <Modal title="Keyboard shortcuts" onClose={() => setOpen(false)}>
      <dl className="shortcuts">
        {SHORTCUTS.map((shortcut) => (
          <div key={shortcut.what} className="shortcut">
            <dt>
              {shortcut.keys.map((key, i) => (
                <span key={key}>
                  {i > 0 && shortcut.keys[0] !== 'Ctrl' ? <span className="muted"> or </span> : null}
                  {i > 0 && shortcut.keys[0] === 'Ctrl' ? <span className="muted"> + </span> : null}
                  <kbd>{key}</kbd>
                </span>
              ))}
            </dt>
            <dd>{shortcut.what}</dd>
          </div>
        ))}
      </dl>
    </Modal>
  );
}
