import type { ReviewComment } from '../../../shared/review-comments.js';

type Ordered = Pick<ReviewComment, 'file' | 'startLine' | 'endLine' | 'side' | 'createdAt'>;

/**
 * Diff order: files as the session's diff lists them (files not in it after, by path), then by line;
 * an old-side (deleted) line sorts with the new-side lines at the same number.
 */
export function inDiffOrder<T extends Ordered>(comments: readonly T[], diffFiles: readonly string[]): T[] {
  const rank = new Map(diffFiles.map((file, index) => [file, index]));
  const fileRank = (c: T) => rank.get(c.file) ?? diffFiles.length;
  return [...comments].sort(
    (a, b) =>
      fileRank(a) - fileRank(b) ||
      (fileRank(a) === diffFiles.length ? a.file.localeCompare(b.file) : 0) ||
      a.startLine - b.startLine ||
      a.endLine - b.endLine ||
      a.createdAt.localeCompare(b.createdAt),
  );
}

/** `a.ts:3` or `a.ts:3-5`, with "(deleted lines)" for the old side. */
export function lineLabel(c: Pick<ReviewComment, 'file' | 'startLine' | 'endLine' | 'side'>): string {
  const lines = c.endLine > c.startLine ? `${c.startLine}-${c.endLine}` : `${c.startLine}`;
  return `${c.file}:${lines}${c.side === 'old' ? ' (deleted lines)' : ''}`;
}

/**
 * The one message "Send review" types into the agent. Message delivery turns line breaks into spaces
 * (a message is text, never keys), so each part is marked to read well on one line too.
 */
export function reviewMessage(comments: readonly ReviewComment[]): string {
  const count = comments.length === 1 ? '1 comment' : `${comments.length} comments`;
  const items = comments.map((c, index) => {
    const quote = c.quote
      .split('\n')
      .map((line) => `> ${line}`)
      .join('\n');
    return `${index + 1}. ${lineLabel(c)}\n${quote}\nComment: ${c.body}`;
  });
  return [`Review of your changes: ${count}, in diff order. Please address each.`, ...items].join('\n');
}
