import '../../styles/review-comments.css';
import type { ReviewSide } from '../../../../shared/review-comments.js';
import { useReviewCommentStore } from '../../stores/review-comment-store.js';

interface LineNoProps {
  sessionId: string | undefined;
  file: string;
  side: ReviewSide;
  no: number | null;
  /** Whether this number is the row's comment anchor (the new side, or the old side of a deleted line). */
  anchor: boolean;
}

/** A line number of the diff; on the row's anchor side (with a session) a button that starts a comment there. */
export function ReviewLineNo({ sessionId, file, side, no, anchor }: LineNoProps) {
  const selected = useReviewCommentStore((s) => {
    const sel = s.selection;
    return (
      !!sel &&
      no !== null &&
      sel.sessionId === sessionId &&
      sel.file === file &&
      sel.side === side &&
      no >= sel.startLine &&
      no <= sel.endLine
    );
  });
  if (!sessionId || no === null || !anchor) return <span className="patch-no">{no ?? ''}</span>;
  return (
    <button
      type="button"
      className={`patch-no review-line-no${selected ? ' selected' : ''}`}
      aria-label={`Comment on ${side === 'old' ? 'deleted ' : ''}line ${no}`}
      aria-pressed={selected}
      title="Comment on this line (shift-click another line for a range)"
      onClick={(event) => useReviewCommentStore.getState().select({ sessionId, file, side, line: no }, event.shiftKey)}
    >
      {no}
    </button>
  );
}
