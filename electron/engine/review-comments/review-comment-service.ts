import { randomBytes } from 'node:crypto';
import { FlotillaError } from '../../../shared/errors.js';
import type { SessionDiff } from '../../../shared/git.js';
import type { ReviewComment, ReviewSide } from '../../../shared/review-comments.js';
import type { Session } from '../../../shared/session.js';
import { confineToWorktree } from '../../git/worktree-path.js';
import type { ReviewCommentRepository, StoredReviewComment } from '../../store/review-comment-repository.js';
import type { EventHub } from '../event-hub.js';
import { inDiffOrder, reviewMessage } from './review-message.js';
import { quoteLines, readSideLines, type LineSource } from './review-lines.js';

export interface ReviewCommentDeps {
  store: ReviewCommentRepository;
  events: EventHub;
  session(ref: string): Session;
  diff(id: string): Promise<SessionDiff>;
  /** Types `text` into the session's agent (queued until it is idle); returns the message id. */
  send(id: string, text: string): number;
  addEvent(id: string, kind: string, detail: string): void;
}

export interface AddComment {
  file: string;
  startLine: number;
  endLine?: number | undefined;
  side?: ReviewSide | undefined;
  body: string;
}

/** Comments on lines of a session's diff: drafts until "Send review" types them into the agent as one message. */
export class ReviewCommentService {
  /** The last stale flags published per session, so a diff change republishes only when one flipped. */
  private readonly published = new Map<string, string>();
  private readonly unsubscribe: () => void;
  /** The last diff each listing used, per session. */
  private readonly lastDiff = new Map<string, SessionDiff>();

  constructor(private readonly deps: ReviewCommentDeps) {
    this.unsubscribe = deps.events.subscribe((event) => {
      // session.diff fires when the totals change; an edit that keeps them (a line rewritten) is caught when
      // the agent goes idle after making it.
      if (event.name === 'session.diff') void this.recheck(event.payload.id);
      else if (event.name === 'session.status' && event.payload.session.status === 'idle')
        void this.recheck(event.payload.session.id);
      else if (event.name === 'session.removed') {
        this.published.delete(event.payload.id);
        this.lastDiff.delete(event.payload.id);
      }
    });
  }

  async add(ref: string, request: AddComment): Promise<ReviewComment> {
    const session = this.deps.session(ref);
    const endLine = request.endLine ?? request.startLine;
    if (endLine < request.startLine) throw new FlotillaError('VALIDATION', 'the last line comes before the first');
    const side = request.side ?? 'new';
    const file = await confineToWorktree(session.worktreePath, request.file);
    const source = this.source(session, await this.deps.diff(session.id), file);
    const quote = quoteLines(await readSideLines(source, file, side), file, side, request.startLine, endLine);
    const comment: StoredReviewComment = {
      id: `rc-${randomBytes(4).toString('hex')}`,
      sessionId: session.id,
      file,
      side,
      startLine: request.startLine,
      endLine,
      quote,
      body: request.body.trim(),
      state: 'draft',
      createdAt: new Date().toISOString(),
      sentAt: null,
    };
    this.deps.store.add(comment);
    await this.publish(session.id);
    return { ...comment, stale: false };
  }

  /** The session's comments in diff order, each marked stale when its quoted lines no longer match. */
  async list(ref: string): Promise<ReviewComment[]> {
    return this.listWith(ref, (id) => this.deps.diff(id));
  }

  /** `diffOf` gives the order and the base: computed fresh for callers, the last one seen for a recheck. */
  private async listWith(ref: string, diffOf: (id: string) => Promise<SessionDiff>): Promise<ReviewComment[]> {
    const session = this.deps.session(ref);
    const stored = this.deps.store.list(session.id);
    if (stored.length === 0) return [];
    const diff = await diffOf(session.id);
    this.lastDiff.set(session.id, diff);
    const cache = new Map<string, Promise<string[] | null>>();
    const lines = (c: StoredReviewComment) => {
      const key = `${c.side}:${c.file}`;
      if (!cache.has(key)) cache.set(key, readSideLines(this.source(session, diff, c.file), c.file, c.side));
      return cache.get(key)!;
    };
    const comments = await Promise.all(
      stored.map(async (c) => {
        const current = await lines(c).catch(() => null);
        const quoted = current && c.endLine <= current.length ? current.slice(c.startLine - 1, c.endLine) : null;
        return { ...c, stale: quoted === null || quoted.join('\n') !== c.quote };
      }),
    );
    return inDiffOrder(
      comments,
      diff.files.map((f) => f.path),
    );
  }

  async edit(ref: string, commentId: string, body: string): Promise<ReviewComment> {
    const id = this.deps.session(ref).id;
    const comment = this.existing(id, commentId);
    if (comment.state === 'sent') throw new FlotillaError('INVALID_STATE', `${commentId} was sent; it cannot change`);
    this.deps.store.setBody(id, commentId, body.trim());
    const comments = await this.publish(id);
    return comments.find((c) => c.id === commentId)!;
  }

  async remove(ref: string, commentId: string): Promise<ReviewComment[]> {
    const id = this.deps.session(ref).id;
    this.existing(id, commentId);
    this.deps.store.remove(id, commentId);
    return this.publish(id);
  }

  /** Types every draft (stale ones too: the user wrote them) into the agent as one message, in diff order. */
  async send(ref: string): Promise<{ sent: number; messageId: number; text: string }> {
    const id = this.deps.session(ref).id;
    const drafts = (await this.list(id)).filter((c) => c.state === 'draft');
    if (drafts.length === 0) throw new FlotillaError('INVALID_STATE', 'no draft review comments to send');
    const text = reviewMessage(drafts);
    const messageId = this.deps.send(id, text);
    this.deps.store.markSent(
      id,
      drafts.map((c) => c.id),
      new Date().toISOString(),
    );
    this.deps.addEvent(id, 'review', `review sent to the agent: ${drafts.length} comment(s)`);
    await this.publish(id);
    return { sent: drafts.length, messageId, text };
  }

  close(): void {
    this.unsubscribe();
  }

  private existing(sessionId: string, commentId: string): StoredReviewComment {
    const comment = this.deps.store.get(sessionId, commentId);
    if (!comment) throw new FlotillaError('NOT_FOUND', `no review comment ${commentId} on this session`);
    return comment;
  }

  private source(session: Session, diff: SessionDiff, file: string): LineSource {
    const oldPath = diff.files.find((f) => f.path === file)?.oldPath ?? null;
    return { worktree: session.worktreePath, base: diff.base, oldPath };
  }

  private async publish(id: string): Promise<ReviewComment[]> {
    const comments = await this.list(id);
    this.published.set(id, signature(comments));
    this.deps.events.emit('review.changed', { id, comments });
    return comments;
  }

  /** After the diff changed: publish again when a comment became stale (or fresh). */
  private async recheck(id: string): Promise<void> {
    if (!this.published.has(id) && this.deps.store.list(id).length === 0) return;
    try {
      // The diff service has just computed this diff: reuse the last one (for its file order and base) rather
      // than run git again for every change of a session with comments; the quoted lines are read fresh.
      const last = this.lastDiff.get(id);
      const comments = await this.listWith(id, (sid) => (last ? Promise.resolve(last) : this.deps.diff(sid)));
      if (signature(comments) === this.published.get(id)) return;
      this.published.set(id, signature(comments));
      this.deps.events.emit('review.changed', { id, comments });
    } catch {
      // The session went away or its worktree cannot be read: the diff's own error says so.
    }
  }
}

function signature(comments: readonly ReviewComment[]): string {
  return comments.map((c) => `${c.id}:${c.state}:${c.stale}`).join(',');
}
