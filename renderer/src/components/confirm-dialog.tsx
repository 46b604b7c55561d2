import { useUiStore } from '../stores/ui-store.js';
import { Modal } from './modal.js';

/** The one confirmation before a destructive action, naming what it does to how many sessions. */
export function ConfirmDialog() {
  const request = useUiStore((s) => s.confirm);
  const close = useUiStore((s) => s.askConfirm);
  if (!request) return null;
  return (
    <Modal title={request.title} onClose={() => close(null)} role="alertdialog">
      <p className="modal-body">{request.body}</p>
      <div className="modal-actions">
        <button type="button" className="btn" onClick={() => close(null)}>
          Cancel
        </button>
        <button
          type="button"
          className="btn danger"
          data-autofocus
          onClick={() => {
            close(null);
            request.onConfirm();
          }}
        >
          {request.confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
