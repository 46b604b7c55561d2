import type { PromptQuestion } from '../../shared/session.js';
import type { AnswerKeys, ScreenReading } from './provider.js';
import { detailAbove, findAbove, findOptionBlock, questionSentence } from './read-question.js';
import { cleanScreen, tailMatches } from './screen-lines.js';

/** A yes/no prompt ending the screen: "Overwrite x? [y/N]", "Continue? (y/n)". */
const YES_NO = /^(.*\?)\s*[[(]\s*y(?:es)?\s*\/\s*n(?:o)?\s*[\])]:?\s*$/i;

/** For commands Flotilla knows nothing about: a numbered menu under a question, or a y/n prompt on the last line. */
export function detectGenericScreen(raw: string[]): ScreenReading {
  const lines = cleanScreen(raw);
  const busy = tailMatches(lines, 6, /esc to (?:interrupt|cancel)/i);
  const yesNo = YES_NO.exec((lines.at(-1) ?? '').trim());
  if (yesNo) return { busy: false, question: { text: yesNo[0].trim(), options: ['Yes', 'No'] } };
  const block = findOptionBlock(lines, 2);
  const at = block ? findAbove(lines, block.first, 6, /\?/) : -1;
  if (!block || at < 0) return { busy, question: null };
  const question: PromptQuestion = { text: questionSentence(lines[at] ?? ''), options: block.options };
  const detail = detailAbove(lines, raw, at, 6);
  if (detail) question.detail = detail;
  return { busy: false, question };
}

function isYesNo(question: PromptQuestion): boolean {
  return YES_NO.test(question.text);
}

/** y/n prompts take a letter and Enter; numbered menus take the option's number. */
export const genericKeys: AnswerKeys = {
  option: (k, question) => (isYesNo(question) ? (k === 1 ? 'y\r' : 'n\r') : String(k)),
  deny: (question) => (isYesNo(question) ? 'n\r' : String(question.options.length)),
};
