import { cleanScreen } from './screen-lines.js';

/** Lines that say what went wrong: "Unable to connect to …", "API Error: …", "Failed to connect to x: ENOTFOUND". */
const TROUBLE =
  /\b(?:error|unable to|failed to|cannot|can't|could not|not logged in|unauthori[sz]ed|forbidden|E(?:NOTFOUND|CONNREFUSED|CONNRESET|TIMEDOUT|ACCES|NOENT))\b/i;
/** How far up from the bottom a CLI's last words are looked for. */
const REACH = 12;
const MAX_LENGTH = 300;

/**
 * What an agent said about why it stopped, from the last lines of its screen: the first and the last line
 * there that name a problem, e.g. "Unable to connect to Anthropic services — Failed to connect to
 * api.anthropic.com: ENOTFOUND". Null when the screen names none, so the exit code stays the whole story.
 */
export function exitNote(raw: string[]): string | null {
  const lines = cleanScreen(raw)
    .filter((line) => line.trim() !== '')
    .slice(-REACH)
    // A status bar holds several columns apart: each is read on its own.
    .flatMap((line) => line.split(/\s{3,}/))
    .map((part) => part.replace(/^[\s●⏺⎿✗✘×⚠!>›❯]+/u, '').trim());
  const trouble = lines.filter((line) => TROUBLE.test(line));
  const first = trouble[0];
  const last = trouble.at(-1);
  if (!first || !last) return null;
  // The same words again (a footer repeating the message) add nothing.
  const note = last.slice(0, 12) === first.slice(0, 12) ? first : `${first} — ${last}`;
  return note.length > MAX_LENGTH ? `${note.slice(0, MAX_LENGTH - 1)}…` : note;
}
