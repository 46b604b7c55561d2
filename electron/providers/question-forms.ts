import type { PromptQuestion } from '../../shared/session.js';
import { detailAbove, detailBetween, findAbove, questionSentence } from './read-question.js';

/**
 * Questions that come without a numbered menu (read-question.ts reads those), as the CLIs have asked across
 * their versions. Each reader wants its form at the bottom of the screen, where a live question sits (the
 * cursor's line, or the last few lines above a status bar), and a question line above it: the same words in
 * the agent's prose or a diff, with the input box or more output under them, are no question.
 */
export type QuestionForm = 'yes-no' | 'letters' | 'confirm' | 'buttons' | 'radio';

// The contract's PromptQuestion has no form, and the answer keys are always worked out from a question just
// read off the screen by the same provider (session-answers.ts), so the form travels beside that object.
const forms = new WeakMap<PromptQuestion, QuestionForm>();

function formed(question: PromptQuestion, form: QuestionForm): PromptQuestion {
  forms.set(question, form);
  return question;
}

export function formOf(question: PromptQuestion): QuestionForm | undefined {
  return forms.get(question);
}

/** Index of the last non-blank line, and of the one `n` non-blank lines above it (the bottom region). */
function bottom(lines: string[], n: number): number {
  let seen = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    if ((lines[i] ?? '').trim() !== '' && ++seen >= n) return i;
  }
  return 0;
}

function lastMatch(lines: string[], from: number, pattern: RegExp): number {
  for (let i = lines.length - 1; i >= from; i--) if (pattern.test((lines[i] ?? '').trim())) return i;
  return -1;
}

/** "Overwrite notes.txt? [y/N]", "Proceed (y/n):" as the last line: the cursor waits after it. */
const YES_NO = /^(\S.*?)\s*[[(]\s*y(?:es)?\s*\/\s*n(?:o)?\s*[\])]\s*[:?]?\s*$/i;

export function readYesNo(lines: string[]): PromptQuestion | null {
  const last = (lines.at(-1) ?? '').trim();
  const match = YES_NO.exec(last);
  if (!match || !/\p{L}/u.test(match[1] ?? '')) return null;
  return formed({ text: last, options: ['Yes', 'No'] }, 'yes-no');
}

/** One choice answered by its letter: "yes (y)", "No, and tell Codex (n)". */
const LETTER_CHOICE = /([\p{L}][\p{L}\d ,'-]*?)\s*\((\w)\)/gu;
/** A line made only of letter choices, after an optional question: "Run it? yes (y) / no (n)", "Yes (y)  No (n)". */
const LETTER_LINE = /^(?:(.*\?)\s+)?((?:[\p{L}][\p{L}\d ,'-]*?\s*\(\w\)\s*(?:[/|·]\s*)?){2,})$/u;

export function readLetterChoices(lines: string[]): PromptQuestion | null {
  const at = lastMatch(lines, bottom(lines, 3), LETTER_LINE);
  if (at < 0) return null;
  const match = LETTER_LINE.exec((lines[at] ?? '').trim())!;
  const options = [...match[2]!.matchAll(LETTER_CHOICE)].map((m) => `${m[1]!.trim()} (${m[2]})`);
  if (!options.some((o) => /^y/i.test(o)) || !options.some((o) => /^n/i.test(o))) return null;
  const ask = match[1] ? at : findAbove(lines, at, 4, /\?/);
  if (ask < 0) return null;
  const text = questionSentence(match[1] ?? lines[ask] ?? '');
  return formed({ text, options }, 'letters');
}

/** Footers of a dialog confirmed with Enter and cancelled with Esc. */
const CONFIRM_FOOTER =
  /press enter to confirm or esc to cancel|^confirm with\b.*\benter\b|\benter to confirm\b.*\besc to cancel\b/i;

/**
 * A dialog without options, confirmed with Enter and left with Esc: "Press enter to confirm or esc to
 * cancel", "Confirm with ↵ Enter". Its question: the nearest line above ending in "?", else the dialog's
 * first line (its title), within `reach` lines.
 */
export function readConfirmFooter(lines: string[], reach = 10): PromptQuestion | null {
  const footer = lastMatch(lines, bottom(lines, 3), CONFIRM_FOOTER);
  if (footer < 0) return null;
  let at = findAbove(lines, footer, reach, /\?$/);
  if (at < 0) {
    let top = footer - 1;
    while (top > 0 && top > footer - reach && (lines[top - 1] ?? '').trim() !== '') top--;
    at = (lines[top] ?? '').trim() === '' ? -1 : top;
  }
  if (at < 0) return null;
  return confirmQuestion(questionSentence(lines[at] ?? ''), detailBetween(lines, at, footer));
}

/** A question answered with Enter (its first label) or Esc (its second), e.g. Gemini's "Waiting for user confirmation…". */
export function confirmQuestion(
  text: string,
  detail?: string,
  labels: [string, string] = ['Confirm', 'Cancel'],
): PromptQuestion {
  const question: PromptQuestion = { text, options: [`${labels[0]} (enter)`, `${labels[1]} (esc)`] };
  if (detail) question.detail = detail;
  return formed(question, 'confirm');
}

const AFFIRM = /^(?:allow|yes|approve|accept|confirm|ok|run|proceed)\b/i;
const DECLINE = /^(?:deny|no|reject|cancel|decline|don't|skip)\b/i;
/** A button, bracketed or bare: "[ Allow ]", "< Deny >", "Allow once". */
const BUTTON = /^[[<]\s*(.+?)\s*[\]>]$|^(\S.*)$/;

function buttonRow(line: string): { options: string[]; selected?: number } | null {
  // Buttons are two or more spaces apart; hints may follow ("ctrl+f fullscreen  ⇆ select  enter confirm").
  const cells = line.trim().split(/\s{2,}/);
  const options: string[] = [];
  let selected: number | undefined;
  for (const cell of cells) {
    const match = BUTTON.exec(cell);
    const label = (match?.[1] ?? match?.[2] ?? '').replace(/^[›>▶]\s*/, '');
    if (!AFFIRM.test(label) && !DECLINE.test(label)) break;
    if (/^[[<›>▶]/.test(cell) && cells.filter((c) => /^[[<›>▶]/.test(c)).length === 1) selected = options.length + 1;
    options.push(label);
  }
  if (options.length < 2 || !options.some((o) => AFFIRM.test(o)) || !options.some((o) => DECLINE.test(o))) return null;
  return selected ? { options, selected } : { options };
}

/**
 * A row of buttons (Allow / Deny, Allow once / Allow always / Reject) under a question, moved along with
 * ←/→ and pressed with Enter; the first is highlighted unless a bracket or cursor marks another.
 */
export function readButtons(lines: string[], header: RegExp = /\?$/, reach = 12): PromptQuestion | null {
  const start = bottom(lines, 3);
  for (let i = lines.length - 1; i >= start; i--) {
    const row = buttonRow(lines[i] ?? '');
    if (!row) continue;
    const at = findAbove(lines, i, reach, header);
    if (at < 0) return null;
    const question: PromptQuestion = { text: questionSentence(lines[at] ?? ''), options: row.options };
    const detail = detailBetween(lines, at, i);
    if (detail) question.detail = detail;
    question.selected = row.selected ?? 1;
    return formed(question, 'buttons');
  }
  return null;
}

/** Radio options without numbers: "● Yes, allow once", "○ No, suggest changes (esc)". */
const RADIO = /^\s*([●○◉◯])\s+(\S.*?)\s*$/;

/** A radio list ending the screen (up to `maxFooter` hint lines under it) below a question within 6 lines. */
export function readRadio(lines: string[], maxFooter = 2, raw?: string[]): PromptQuestion | null {
  const last = lastMatch(lines, bottom(lines, maxFooter + 1), RADIO);
  if (last < 0) return null;
  let first = last;
  while (first > 0 && RADIO.test(lines[first - 1] ?? '')) first--;
  const rows = lines.slice(first, last + 1).map((line) => RADIO.exec(line)!);
  if (rows.length < 2) return null;
  const at = findAbove(lines, first, 6, /\?/);
  if (at < 0) return null;
  const question: PromptQuestion = { text: questionSentence(lines[at] ?? ''), options: rows.map((r) => r[2]!) };
  // The subject sits between the question and the options, or (a command box) above the question.
  const detail = detailBetween(lines, at, first) ?? (raw ? detailAbove(lines, raw, at, 6) : undefined);
  if (detail) question.detail = detail;
  const selected = rows.findIndex((r) => r[1] === '●' || r[1] === '◉');
  question.selected = selected < 0 ? 1 : selected + 1;
  return formed(question, 'radio');
}

/** The first form a reader finds, in order. */
export function readFirst(...readers: (() => PromptQuestion | null)[]): PromptQuestion | null {
  for (const read of readers) {
    const question = read();
    if (question) return question;
  }
  return null;
}

const RIGHT = '\x1b[C';
const LEFT = '\x1b[D';
const DOWN = '\x1b[B';
const UP = '\x1b[A';
const KEY_HINT = /\((\w|esc|enter)\)$/i;

function moves(k: number, from: number, forward: string, back: string): string {
  const n = k - from;
  return `${(n < 0 ? back : forward).repeat(Math.abs(n))}\r`;
}

function hintKey(option: string): string | undefined {
  const key = KEY_HINT.exec(option)?.[1]?.toLowerCase();
  return key === 'esc' ? '\x1b' : key === 'enter' ? '\r' : key;
}

/** The keys that pick option k of a question read in one of these forms; undefined for other questions. */
export function formOptionKeys(k: number, question: PromptQuestion): string | undefined {
  const form = formOf(question);
  if (form === 'yes-no') return k === 1 ? 'y\r' : 'n\r';
  if (form === 'letters' || form === 'confirm') return hintKey(question.options[k - 1] ?? '');
  if (form === 'buttons') return moves(k, question.selected ?? 1, RIGHT, LEFT);
  if (form === 'radio') return moves(k, question.selected ?? 1, DOWN, UP);
  return undefined;
}

/** The keys that decline such a question (its declining option); null when it has none, undefined for others. */
export function formDenyKeys(question: PromptQuestion): string | null | undefined {
  const form = formOf(question);
  if (!form) return undefined;
  if (form === 'yes-no') return 'n\r';
  const k = question.options.findLastIndex((option) => DECLINE.test(option) || /\(esc\)$/i.test(option));
  return k < 0 ? null : (formOptionKeys(k + 1, question) ?? null);
}
