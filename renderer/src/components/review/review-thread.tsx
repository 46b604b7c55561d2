import '../../styles/review-comments.css';
import { useState } from 'react';
import type { ReviewComment } from '../../../../shared/review-comments.js';
import { reviewCommentActions } from '../../stores/review-comment-actions.js';
import { useReviewCommentStore, type ReviewSelection } from '../../stores/review-comment-store.js';
import { CommentComposer } from './comment-composer.js';

function lines(c: { startLine: number; endLine: number }): string {
  return c.endLine > c.startLine ? `lines ${c.startLine}–${c.endLine}` : `line ${c.startLine}`;
}

/** What shows under a diff line: the comments ending on it (stale ones hidden), and the box for a new one. */
export function ReviewThread(props: { comments: ReviewComment[]; composing: ReviewSelection | null }) {
  const { comments, composing } = props;
  return (
    <div className="patch-row review-row full">
      {comments.map((c) => (
        <ReviewCommentItem key={c.id} comment={c} />
      ))}
      {composing ? (
        <CommentComposer
          label={`Comment on ${composing.side === 'old' ? 'deleted ' : ''}${lines(composing)}`}
          saveLabel="Save draft"
          onSave={(body) => reviewCommentActions.add(composing, body)}
          onCancel={() => useReviewCommentStore.getState().clearSelection()}
        />
      ) : null}
    </div>
  );
}

function ReviewCommentItem({ comment }: { comment: ReviewComment }) {
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { sessionId: id } = comment;
  if (editing)
    return (
      <CommentComposer
        label={`Edit the comment on ${lines(comment)}`}
        initial={comment.body}
        saveLabel="Save"
        onSave={async (body) => {
          await reviewCommentActions.edit(id, comment.id, body);
          setEditing(false);
        }}
        onCancel={() => setEditing(false)}
      />
    );
  return (
    <article className={`review-comment ${comment.state}`} aria-label={`Review comment on ${lines(comment)}`}>
      <header>
        <span className={`review-badge ${comment.state}`}>{comment.state}</span>
        <span className="muted small">{lines(comment)}</span>
        <span className="spacer" />
        {comment.state === 'draft' ? (
          <>
            <button type="button" className="btn small" onClick={() => setEditing(true)}>
              Edit
            </button>
            <button
              type="button"
              className="btn small danger-text"
              onClick={() => reviewCommentActions.remove(id, comment.id).catch((e: Error) => setError(e.message))}
            >
              Delete
            </button>
          </>
        ) : null}
      </header>
      <p className="review-body">{comment.body}</p>
      {error ? (
        <p className="error-text small" role="alert">
          {error}
        </p>
      ) : null}
    </article>
  );
}
