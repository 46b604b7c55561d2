import { useUiStore } from '../stores/ui-store.js';
import { FoldedText } from './folded-text.js';

/** Failures and confirmations in a corner, long ones folded; screen readers hear them. */
export function Notices() {
  const notices = useUiStore((s) => s.notices);
  const dismiss = useUiStore((s) => s.dismiss);
  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice ${notice.kind}`}>
          <FoldedText text={notice.text} />
          <button type="button" className="icon-btn" aria-label="Dismiss" onClick={() => dismiss(notice.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
