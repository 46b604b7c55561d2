/** Lines made only of box-drawing, rule and block characters: dialog frames and separators. */
const FRAME_ONLY = /^[\s─━═╌┄╭╮╰╯┌┐└┘├┤┬┴┼▀▄▔▁╹╻╵╷]*$/;
const SIDE = /^\s*[│┃║▌]\s?(.*)$/;
const TRAILING_SIDE = /\s*[│┃║]$/;

/**
 * One screen line as detectors want it: no non-breaking spaces, no trailing blanks, and without the side
 * borders of the (possibly nested) box it sits in; a line that is only a frame or rule becomes empty.
 */
export function cleanLine(raw: string): string {
  let line = raw.replace(/\u00a0/g, ' ').trimEnd();
  for (let depth = 0; depth < 4; depth++) {
    const side = SIDE.exec(line);
    if (!side) break;
    line = (side[1] ?? '').replace(TRAILING_SIDE, '').trimEnd();
  }
  return FRAME_ONLY.test(line) ? '' : line;
}

/** The screen as detectors read it: cleaned lines, index for index, with trailing blank lines dropped. */
export function cleanScreen(lines: string[]): string[] {
  const cleaned = lines.map(cleanLine);
  while (cleaned.length > 0 && cleaned.at(-1) === '') cleaned.pop();
  return cleaned;
}

/** The top edge of a dialog or a full-width rule: where the dialog around a question starts. */
export function isDialogTop(raw: string): boolean {
  return /^\s?[╭┌]/.test(raw) || /^\s?[─━]{8,}/.test(raw);
}

/** Whether any of the last `count` lines matches. */
export function tailMatches(lines: string[], count: number, pattern: RegExp): boolean {
  return lines.slice(-count).some((line) => pattern.test(line));
}
