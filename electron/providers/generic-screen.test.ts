import { describe, expect, it } from 'vitest';
import { detectGenericScreen, genericKeys } from './generic-screen.js';

describe('detectGenericScreen (custom commands)', () => {
  it('reads a [y/N] prompt on the last line and answers it with y/n and Enter', () => {
    const reading = detectGenericScreen(['Removing 3 files', 'Overwrite notes.txt? [y/N] ']);
    expect(reading).toEqual({ busy: false, question: { text: 'Overwrite notes.txt? [y/N]', options: ['Yes', 'No'] } });
    expect(genericKeys.option(1, reading.question!)).toBe('y\r');
    expect(genericKeys.deny(reading.question!)).toBe('n\r');
  });

  it('reads a numbered menu under a question and answers by number (deny = last option)', () => {
    const reading = detectGenericScreen(['Deploy to production?', '  1. Yes', '  2. Not now', '  3. No']);
    expect(reading.question).toEqual({ text: 'Deploy to production?', options: ['Yes', 'Not now', 'No'] });
    expect(genericKeys.option(2, reading.question!)).toBe('2');
    expect(genericKeys.deny(reading.question!)).toBe('3');
  });

  it('is busy on "esc to interrupt" / "esc to cancel" and reads nothing from plain output', () => {
    expect(detectGenericScreen(['working… (esc to interrupt)'])).toEqual({ busy: true, question: null });
    expect(detectGenericScreen(['Overwrite notes.txt? [y/N] y', 'done', '$ '])).toEqual({ busy: false, question: null });
  });
});
