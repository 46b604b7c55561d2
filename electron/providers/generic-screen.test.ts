import { describe, expect, it } from 'vitest';
import { readFixture } from './fixtures/read-fixture.js';
import { detectGenericScreen, genericKeys } from './generic-screen.js';

const read = (name: string) => detectGenericScreen(readFixture('generic', name));
const RIGHT = '\x1b[C';
const DOWN = '\x1b[B';

describe('detectGenericScreen (custom commands)', () => {
  it('reads a [y/N] prompt on the last line and answers it with y/n and Enter', () => {
    const reading = detectGenericScreen(['Removing 3 files', 'Overwrite notes.txt? [y/N] ']);
    expect(reading).toEqual({ busy: false, question: { text: 'Overwrite notes.txt? [y/N]', options: ['Yes', 'No'] } });
    expect(genericKeys.option(1, reading.question!)).toBe('y\r');
    expect(genericKeys.deny(reading.question!)).toBe('n\r');
  });

  it('reads [Y/n] and [y/N]: prompts with or without a question mark (hand-written screens)', () => {
    expect(read('yes-no-brackets').question).toEqual({
      text: 'Do you want to continue? [Y/n]',
      options: ['Yes', 'No'],
    });
    const tag = read('yes-no-no-question-mark').question!;
    expect(tag).toEqual({ text: 'Push the tag to origin [y/N]:', options: ['Yes', 'No'] });
    expect(genericKeys.option(2, tag)).toBe('n\r');
  });

  it('reads a numbered menu under a question and answers by number (deny = last option)', () => {
    const reading = detectGenericScreen(['Deploy to production?', '  1. Yes', '  2. Not now', '  3. No']);
    expect(reading.question).toEqual({ text: 'Deploy to production?', options: ['Yes', 'Not now', 'No'] });
    expect(genericKeys.option(2, reading.question!)).toBe('2');
    expect(genericKeys.deny(reading.question!)).toBe('3');
  });

  it('reads "yes (y) / no (n)" and answers with the letter', () => {
    const question = read('letters').question!;
    expect(question).toEqual({ text: 'Allow this command?', options: ['yes (y)', 'no (n)'] });
    expect(genericKeys.option(1, question)).toBe('y');
    expect(genericKeys.deny(question)).toBe('n');
  });

  it('reads Allow / Deny buttons (the bracketed one highlighted) and moves to them with arrows', () => {
    const question = read('buttons-allow-deny').question!;
    expect(question).toEqual({ text: 'Allow the agent to edit this file?', options: ['Allow', 'Deny'], selected: 1 });
    expect(genericKeys.option(1, question)).toBe('\r');
    expect(genericKeys.deny(question)).toBe(`${RIGHT}\r`);
  });

  it('reads Enter/Esc confirmations: "Press enter to confirm or esc to cancel", "Confirm with ↵ Enter"', () => {
    const del = read('confirm-footer').question!;
    expect(del).toEqual({
      text: 'Delete the branch feature/login?',
      options: ['Confirm (enter)', 'Cancel (esc)'],
      detail: 'It has 3 commits not merged into main.',
    });
    expect(genericKeys.option(1, del)).toBe('\r');
    expect(genericKeys.deny(del)).toBe('\x1b');
    const patch = read('confirm-with-enter').question!;
    expect(patch).toMatchObject({ text: 'Apply patch to 2 files', detail: 'M src/app.ts\nA src/util.ts' });
    expect(genericKeys.option(1, patch)).toBe('\r');
  });

  it('reads radio options without numbers ("● Yes, allow once") and answers with arrows from the dot', () => {
    const question = read('radio').question!;
    expect(question).toEqual({
      text: 'Allow execution?',
      options: ['Yes, allow once', 'Yes, allow always', 'No (esc)'],
      selected: 1,
    });
    expect(genericKeys.option(2, question)).toBe(`${DOWN}\r`);
    expect(genericKeys.deny(question)).toBe(`${DOWN}${DOWN}\r`);
  });

  it('busy on any working marker: "esc to interrupt", "(esc to cancel, 9s)", "ctrl+c to interrupt"; not a bare "Esc to cancel"', () => {
    expect(detectGenericScreen(['working… (esc to interrupt)'])).toEqual({ busy: true, question: null });
    expect(detectGenericScreen([' ⠙ Thinking (esc to cancel, 9s)'])).toEqual({ busy: true, question: null });
    expect(detectGenericScreen(['Esc to cancel', '$ '])).toEqual({ busy: false, question: null });
    expect(read('busy-ctrl-c')).toEqual({ busy: true, question: null });
  });

  it('no question from words in prose, a code block or a diff above the prompt, nor busy from them', () => {
    expect(detectGenericScreen(['Overwrite notes.txt? [y/N] y', 'done', '$ '])).toEqual({
      busy: false,
      question: null,
    });
    for (const name of ['not-yes-no-in-code-block', 'not-buttons-in-diff', 'not-busy-spinner-in-prose'])
      expect(read(name), name).toEqual({ busy: false, question: null });
  });
});
