import type { PromptQuestion } from '../../shared/session.js';
import { isDialogTop } from './screen-lines.js';

/**
 * A numbered option, optionally behind a selection marker: "❯ 1. Yes", "  2) No", "● 1. Allow once". Claude
 * Code 2.1.197 draws a wrapped option without the space ("2.Yes, and don't ask again for …"): a capital
 * right after the number counts too (a version such as "2.1.197" does not).
 */
const OPTION = /^\s*(?:[❯>›●○◉▸▶*]\s*)?(\d+)[.)](?:\s+|(?=[A-Z]))(.+?)\s*$/;
/** The cursor in front of the highlighted option of an arrow-key menu ("› 2. Back", "❯ 1. Yes", "> 1. Sign in"). */
const HIGHLIGHT = /^\s*[❯>›▸▶]\s*(\d+)[.)](?:\s|(?=[A-Z]))/;

export interface OptionBlock {
  options: string[];
  /** The highlighted option (1-based), when the menu marks one. */
  selected?: number;
  /** Index of the first and last option line. */
  first: number;
  last: number;
}

/**
 * The menu of options numbered 1..n nearest the bottom of the screen, allowing at most `maxFooter`
 * non-blank lines under it (hints such as "Esc to cancel"). Options the agent has moved past (with its
 * output or a new prompt under them) are therefore not read again.
 */
export function findOptionBlock(lines: string[], maxFooter = 2): OptionBlock | null {
  let footer = 0;
  for (let end = lines.length - 1; end >= 0; end--) {
    const line = lines[end] ?? '';
    if (OPTION.test(line)) return readOptionBlock(lines, end);
    if (line.trim() !== '' && ++footer > maxFooter) return null;
  }
  return null;
}

/** What goes in front of an option's text: "   2. ", " ❯ 1. ". */
const OPTION_PREFIX = /^\s*(?:[❯>›●○◉▸▶*]\s*)?\d+[.)]\s*/;
/** Lines an option too long for the terminal may go on over. */
const MAX_WRAPPED = 2;

/**
 * Options 1..n ending at line `end`, each right above the next. An option too long for the terminal goes on in
 * lines indented at least as far as its text (Claude Code's "2. Yes, and don't ask again for flotilla - status
 * commands in" over the worktree's path, 2.1.197): those are part of it, not the end of the menu.
 */
function readOptionBlock(lines: string[], end: number): OptionBlock | null {
  const options: string[] = [];
  let at = end;
  let match = OPTION.exec(lines[at] ?? '');
  while (match) {
    const number = Number(match[1]);
    options.unshift(match[2]!.trim());
    if (number === 1) break;
    let above = at - 1;
    const wrapped: string[] = [];
    while (above >= 0 && wrapped.length <= MAX_WRAPPED && isWrapped(lines[above] ?? '')) {
      wrapped.unshift((lines[above] ?? '').trim());
      above--;
    }
    const next = OPTION.exec(lines[above] ?? '');
    if (!next || Number(next[1]) !== number - 1) return null;
    if (wrapped.length > 0) {
      const indent = OPTION_PREFIX.exec(lines[above] ?? '')?.[0].length ?? Infinity;
      if (wrapped.length > MAX_WRAPPED || !wrappedUnder(lines.slice(above + 1, at), indent)) return null;
      next[2] = `${next[2]!.trim()} ${wrapped.join(' ')}`;
    }
    at = above;
    match = next;
  }
  if (options.length < 2 || !match || match[1] !== '1') return null;
  const selected = highlightedOption(lines.slice(at, end + 1));
  return { options, first: at, last: end, ...(selected ? { selected } : {}) };
}

function isWrapped(line: string): boolean {
  return line.trim() !== '' && !OPTION.test(line);
}

function wrappedUnder(lines: string[], indent: number): boolean {
  return lines.every((line) => line.length - line.trimStart().length >= indent);
}

/** The number of the option the menu's cursor is on, among a region's lines; undefined when none is marked. */
export function highlightedOption(lines: string[]): number | undefined {
  for (const line of lines) {
    const match = HIGHLIGHT.exec(line);
    if (match) return Number(match[1]);
  }
  return undefined;
}

/** Every numbered line in a region, for menus whose options have descriptions between them. */
export function numberedOptions(lines: string[]): string[] {
  return lines.flatMap((line) => {
    const match = OPTION.exec(line);
    return match ? [match[2]!.trim()] : [];
  });
}

/**
 * The sentence that ends with the (last) question mark of a line: "Quick check: Is this yours? (More)" ->
 * "Is this yours?". A new sentence starts with a capital after ". ", ": " or "! ", so "Allow execution
 * of: 'rm'?" stays whole.
 */
export function questionSentence(line: string): string {
  const end = line.lastIndexOf('?');
  if (end < 0) return line.trim();
  const head = line.slice(0, end + 1);
  const starts = [...head.matchAll(/[.:!]\s+(?=[A-Z])/g)];
  const last = starts.at(-1);
  return (last ? head.slice(last.index + last[0].length) : head).trim();
}

/** Index of the nearest line above `from` (exclusive) within `reach` lines that matches. */
export function findAbove(lines: string[], from: number, reach: number, pattern: RegExp): number {
  for (let i = from - 1; i >= Math.max(0, from - reach); i--) {
    if (pattern.test((lines[i] ?? '').trim())) return i;
  }
  return -1;
}

/**
 * The dialog text above a question (a command, a file, a title): non-blank lines going up from the
 * question, stopping at the dialog's top edge in the raw screen or after `reach` lines.
 */
export function detailAbove(cleaned: string[], raw: string[], questionIndex: number, reach = 10): string | undefined {
  const picked: string[] = [];
  for (let i = questionIndex - 1; i >= Math.max(0, questionIndex - reach); i--) {
    if (isDialogTop(raw[i] ?? '')) break;
    const text = (cleaned[i] ?? '').trim();
    if (text) picked.unshift(text);
  }
  return picked.length > 0 ? picked.join('\n') : undefined;
}

/** Non-blank lines strictly between two indexes, joined; undefined when there are none. */
export function detailBetween(cleaned: string[], from: number, to: number): string | undefined {
  const picked = cleaned
    .slice(from + 1, to)
    .map((l) => l.trim())
    .filter(Boolean);
  return picked.length > 0 ? picked.join('\n') : undefined;
}

/**
 * Finds a numbered-options question ending the screen, e.g.
 *   Do you want to create notes.txt?
 *   ❯ 1. Yes
 *     2. No
 * The options must be the last lines (up to `maxFooter` hint lines), so a question the agent already
 * moved past is not read again.
 */
export function readNumberedQuestion(lines: string[], questionPattern: RegExp, maxFooter = 2): PromptQuestion | null {
  const block = findOptionBlock(lines, maxFooter);
  if (!block) return null;
  const at = findAbove(lines, block.first, 4, questionPattern);
  return at < 0 ? null : { text: (lines[at] ?? '').trim(), options: block.options };
}
