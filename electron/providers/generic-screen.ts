import type { PromptQuestion } from '../../shared/session.js';
import { showsBusy } from './busy-markers.js';
import type { AnswerKeys, ScreenReading } from './provider.js';
import {
  formDenyKeys,
  formOptionKeys,
  readButtons,
  readConfirmFooter,
  readFirst,
  readLetterChoices,
  readRadio,
  readYesNo,
} from './question-forms.js';
import { detailAbove, findAbove, findOptionBlock, questionSentence } from './read-question.js';
import { cleanScreen } from './screen-lines.js';

/** A numbered menu ending the screen (up to two hint lines under it) below a question within 6 lines. */
function readNumbered(lines: string[], raw: string[]): PromptQuestion | null {
  const block = findOptionBlock(lines, 2);
  const at = block ? findAbove(lines, block.first, 6, /\?/) : -1;
  if (!block || at < 0) return null;
  const question: PromptQuestion = { text: questionSentence(lines[at] ?? ''), options: block.options };
  const detail = detailAbove(lines, raw, at, 6);
  if (detail) question.detail = detail;
  return question;
}

/**
 * For commands Flotilla knows nothing about: a y/n prompt on the last line ("[y/N]", "(y/n)"), letter choices
 * ("yes (y) / no (n)"), a numbered or radio menu under a question, Allow / Deny buttons, or an Enter/Esc
 * confirmation footer; busy on any of the CLIs' working markers (busy-markers.ts).
 */
export function detectGenericScreen(raw: string[]): ScreenReading {
  const lines = cleanScreen(raw);
  const question = readFirst(
    () => readYesNo(lines),
    () => readNumbered(lines, raw),
    () => readLetterChoices(lines),
    () => readRadio(lines),
    () => readButtons(lines),
    () => readConfirmFooter(lines),
  );
  return question ? { busy: false, question } : { busy: showsBusy(lines, 6), question: null };
}

/** Each form's own keys (y/n + Enter, the letter, arrows + Enter); numbered menus take the option's number. */
export const genericKeys: AnswerKeys = {
  option: (k, question) => formOptionKeys(k, question) ?? String(k),
  deny: (question) => {
    const keys = formDenyKeys(question);
    return keys === undefined ? String(question.options.length) : keys;
  },
};
