import '../../styles/review-comments.css';
import { useEffect, useState } from 'react';
import { api } from '../../api/api-instance.js';
import { errorMessage } from '../../api/errors.js';
import { loadReviewComments } from '../../api/review-comment-sync.js';
import { reviewCommentActions } from '../../stores/review-comment-actions.js';
import { draftCount, useReviewCommentStore } from '../../stores/review-comment-store.js';

/** "Send review (N)" in the diff panel's header, while there are drafts: types them into the agent as one message. */
export function SendReviewButton({ sessionId }: { sessionId: string }) {
  const drafts = useReviewCommentStore((s) => draftCount(s.byId[sessionId]));
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => void loadReviewComments(api(), sessionId), [sessionId]);
  useEffect(() => setNote(null), [sessionId]);
  // The note is a confirmation, not a state: it goes after a few seconds and leaves the header its room.
  useEffect(() => {
    if (!note) return;
    const timer = setTimeout(() => setNote(null), 6000);
    return () => clearTimeout(timer);
  }, [note]);
  const send = async () => {
    setBusy(true);
    try {
      const sent = await reviewCommentActions.send(sessionId);
      setNote({ text: `Sent ${sent} to the agent`, error: false });
    } catch (e) {
      setNote({ text: errorMessage(e), error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {note ? (
        <span className={`review-send-note small${note.error ? ' error-text' : ' muted'}`} role="status">
          {note.text}
        </span>
      ) : null}
      {/* Only with drafts to send: the header keeps its one row at 1280 px otherwise. */}
      {drafts > 0 ? (
        <button
          type="button"
          className="btn primary"
          disabled={busy}
          title="Type the draft comments into the agent as one message"
          onClick={() => void send()}
        >
          Send review ({drafts})
        </button>
      ) : null}
    </>
  );
}
