import type { ReviewComment } from '../../../shared/review-comments.js';
import { api } from '../api/api-instance.js';
import { useReviewCommentStore, type ReviewSelection } from './review-comment-store.js';

/** The diff viewer's review actions; each answer also updates the store (the event follows too). */
export const reviewCommentActions = {
  async add(selection: ReviewSelection, body: string): Promise<ReviewComment> {
    const { sessionId: id, ...where } = selection;
    const comment = await api().invoke('review.add', { id, ...where, body });
    // The box closes first, so the saved comment never shows under a box still holding its text.
    if (useReviewCommentStore.getState().selection === selection) useReviewCommentStore.getState().clearSelection();
    await this.refresh(id);
    return comment;
  },
  async edit(id: string, commentId: string, body: string): Promise<void> {
    await api().invoke('review.edit', { id, commentId, body });
    await this.refresh(id);
  },
  async remove(id: string, commentId: string): Promise<void> {
    const { comments } = await api().invoke('review.remove', { id, commentId });
    useReviewCommentStore.getState().set(id, comments);
  },
  async send(id: string): Promise<number> {
    const { sent } = await api().invoke('review.send', { id });
    await this.refresh(id);
    return sent;
  },
  async refresh(id: string): Promise<void> {
    const { comments } = await api().invoke('review.list', { id });
    useReviewCommentStore.getState().set(id, comments);
  },
};
