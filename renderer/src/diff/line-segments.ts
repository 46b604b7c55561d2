import type { Token } from './highlight.js';
import type { WordPart } from './word-diff.js';

/** A run of a line's text with one token type and one changed/unchanged state. */
export interface Segment {
  text: string;
  type?: string;
  changed: boolean;
}

/**
 * Cuts a line at both its token boundaries and its word-change boundaries, so a changed word keeps its
 * syntax colour and a token spanning changed and unchanged text is split between the two.
 */
export function lineSegments(tokens: readonly Token[], words: readonly WordPart[] | undefined): Segment[] {
  const parts = words ?? [{ text: tokens.map((t) => t.text).join(''), changed: false }];
  const segments: Segment[] = [];
  let t = 0;
  let tokenLeft = tokens[0]?.text.length ?? 0;
  for (const part of parts) {
    let offset = 0;
    while (offset < part.text.length) {
      while (tokenLeft === 0 && t < tokens.length - 1) tokenLeft = tokens[++t]?.text.length ?? 0;
      const take = tokenLeft > 0 ? Math.min(tokenLeft, part.text.length - offset) : part.text.length - offset;
      const type = tokenLeft > 0 ? tokens[t]?.type : undefined;
      const text = part.text.slice(offset, offset + take);
      const last = segments[segments.length - 1];
      if (last && last.type === type && last.changed === part.changed) last.text += text;
      else segments.push(type ? { text, type, changed: part.changed } : { text, changed: part.changed });
      offset += take;
      tokenLeft -= Math.min(tokenLeft, take);
    }
  }
  return segments;
}
