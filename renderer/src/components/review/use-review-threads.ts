import { useMemo } from 'react';
import type { ReviewComment, ReviewSide } from '../../../../shared/review-comments.js';
import { useReviewCommentStore, type ReviewSelection } from '../../stores/review-comment-store.js';

export interface LineThread {
  comments: ReviewComment[];
  composing: ReviewSelection | null;
}

/**
 * Where one file's comments show: under their last line, on their side. Stale comments (their lines changed)
 * are hidden from the diff; the CLI still lists them. One store subscription per file, not per line.
 */
export function useReviewThreads(sessionId: string | undefined, file: string) {
  const comments = useReviewCommentStore((s) => (sessionId ? s.byId[sessionId] : undefined));
  const selection = useReviewCommentStore((s) => s.selection);
  return useMemo(() => {
    const byLine = new Map<string, ReviewComment[]>();
    for (const c of comments ?? []) {
      if (c.file !== file || c.stale) continue;
      const key = `${c.side}:${c.endLine}`;
      byLine.set(key, [...(byLine.get(key) ?? []), c]);
    }
    const composing = selection?.sessionId === sessionId && selection?.file === file ? selection : null;
    return (side: ReviewSide, line: number | null): LineThread | null => {
      if (!sessionId || line === null) return null;
      const here = byLine.get(`${side}:${line}`) ?? [];
      const box = composing && composing.side === side && composing.endLine === line ? composing : null;
      return here.length || box ? { comments: here, composing: box } : null;
    };
  }, [comments, selection, sessionId, file]);
}
