import { z } from 'zod';
import { SessionRef } from './session.js';
import { WorktreeRelativePath } from './git.js';

// Review comments (issue 15): comments on lines of a session's diff, sent to its agent as one message.

/** 'new': lines of the worktree's file as it is now; 'old': lines of the base's file (a deleted line). */
export const ReviewSide = z.enum(['new', 'old']);
export type ReviewSide = z.infer<typeof ReviewSide>;

export const ReviewComment = z.object({
  id: z.string(),
  sessionId: z.string(),
  /** Path relative to the worktree. */
  file: z.string(),
  side: ReviewSide,
  startLine: z.number().int(),
  endLine: z.number().int(),
  /** The lines the comment covers, as they were when it was made. */
  quote: z.string(),
  body: z.string(),
  state: z.enum(['draft', 'sent']),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  /** The quoted lines no longer match the file: the diff hides it; the CLI still lists it. */
  stale: z.boolean(),
});
export type ReviewComment = z.infer<typeof ReviewComment>;

const Line = z.number().int().min(1).max(10_000_000);
const Body = z.string().trim().min(1).max(20_000);
const CommentRef = SessionRef.extend({ commentId: z.string().min(1).max(200) });
const Comments = z.object({ id: z.string(), comments: z.array(ReviewComment) });

export const ReviewAddRequest = SessionRef.extend({
  file: WorktreeRelativePath,
  startLine: Line,
  /** The last line of a range; `startLine` when absent. */
  endLine: Line.optional(),
  side: ReviewSide.default('new'),
  body: Body,
}).strict();

/** Review comment methods (spread into the contract's method map). */
export const reviewCommentMethods = {
  /** Adds a draft; the quote is read from the worktree's file (or the base's for side 'old'). */
  'review.add': { request: ReviewAddRequest, response: ReviewComment },
  /** The session's comments in diff order (files as session.diff lists them, then by line). */
  'review.list': { request: SessionRef.strict(), response: Comments },
  'review.remove': { request: CommentRef.strict(), response: Comments },
  /** Changes a draft's text (a sent comment is what the agent read: INVALID_STATE). */
  'review.edit': { request: CommentRef.extend({ body: Body }).strict(), response: ReviewComment },
  /** Types every draft into the agent as one message (queued until it is idle); they become 'sent'. */
  'review.send': {
    request: SessionRef.strict(),
    response: z.object({ sent: z.number().int(), messageId: z.number().int(), text: z.string() }),
  },
} as const;

/** Review comment events (spread into the contract's event map). */
export const reviewCommentEvents = {
  /** A session's comments changed (added, edited, removed, sent, or their lines changed). */
  'review.changed': Comments,
} as const;
