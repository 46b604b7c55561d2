import { create } from 'zustand';
import type { ReviewComment, ReviewSide } from '../../../shared/review-comments.js';

/** The lines a comment is being written for: click a line number, shift-click another for a range. */
export interface ReviewSelection {
  sessionId: string;
  file: string;
  side: ReviewSide;
  startLine: number;
  endLine: number;
}

/**
 * Each session's review comments (in diff order, as the host lists them) and the lines being commented on.
 * `asked` marks sessions whose comments were requested since the last (re)connection.
 */
interface ReviewCommentState {
  byId: Record<string, ReviewComment[]>;
  asked: Record<string, true>;
  selection: ReviewSelection | null;
  set(id: string, comments: ReviewComment[]): void;
  markAsked(id: string): boolean;
  reset(): void;
  /** A click on a line number; `extend` (shift) makes a range with the line selected before, same file and side. */
  select(at: Omit<ReviewSelection, 'startLine' | 'endLine'> & { line: number }, extend: boolean): void;
  clearSelection(): void;
}

export const useReviewCommentStore = create<ReviewCommentState>()((set, get) => ({
  byId: {},
  asked: {},
  selection: null,
  set: (id, comments) => set((state) => ({ byId: { ...state.byId, [id]: comments } })),
  markAsked: (id) => {
    if (get().asked[id]) return false;
    set((state) => ({ asked: { ...state.asked, [id]: true } }));
    return true;
  },
  reset: () => set({ asked: {} }),
  select: ({ line, ...where }, extend) => {
    const prev = get().selection;
    const same = prev && prev.sessionId === where.sessionId && prev.file === where.file && prev.side === where.side;
    if (extend && same) {
      // The first line clicked stays one end of the range.
      const anchor = prev.startLine;
      set({ selection: { ...where, startLine: Math.min(anchor, line), endLine: Math.max(anchor, line) } });
    } else set({ selection: { ...where, startLine: line, endLine: line } });
  },
  clearSelection: () => set({ selection: null }),
}));

/** The drafts of a session: what "Send review" would send. */
export function draftCount(comments: readonly ReviewComment[] | undefined): number {
  return comments?.filter((c) => c.state === 'draft').length ?? 0;
}
