import { describe, expect, it } from 'vitest';
import { demoProvider } from './demo.js';
import { readNumberedQuestion } from './read-question.js';

/** Screens as the mirror hands them over: top to bottom, trailing spaces trimmed, trailing blank lines dropped. */
const BANNER = ['Flotilla demo agent — a scripted stand-in for a coding agent', 'cwd: /tmp/wt'];
const QUESTION = ['Do you want to create add-a-readme.txt?', '❯ 1. Yes', '  2. No'];

describe('demoProvider.readScreen', () => {
  it('reads the question and its options when they end the screen', () => {
    const reading = demoProvider.readScreen([...BANNER, ...QUESTION]);
    expect(reading).toEqual({
      busy: false,
      question: { text: 'Do you want to create add-a-readme.txt?', options: ['Yes', 'No'] },
    });
  });

  it('reads its sign-in notice as a sign-in screen, until something is printed after it', () => {
    const notice = [...BANNER, '> needs sign-in', 'Not signed in · type /login to sign in', '> '];
    expect(demoProvider.readScreen(notice).question).toMatchObject({
      kind: 'sign-in',
      options: [],
      hint: expect.stringContaining('/login'),
    });
    expect(demoProvider.readScreen([...notice.slice(0, -1), '> /login', 'Signed in.', '> ']).question).toBeNull();
  });

  it('reads the question under a long scrollback', () => {
    const history = Array.from({ length: 40 }, (_, i) => `line ${i}`);
    expect(demoProvider.readScreen([...history, ...QUESTION]).question?.options).toEqual(['Yes', 'No']);
  });

  it('does not read a question the agent already moved past (approved: "Done." and a new prompt)', () => {
    const lines = [...BANNER, ...QUESTION, 'Wrote add-a-readme.txt', 'Done.', '> '];
    expect(demoProvider.readScreen(lines)).toEqual({ busy: false, question: null });
  });

  it('does not read a question the agent already moved past (denied: "Skipped" and a new prompt)', () => {
    const lines = [...BANNER, ...QUESTION, 'Skipped add-a-readme.txt.', '> '];
    expect(demoProvider.readScreen(lines)).toEqual({ busy: false, question: null });
  });

  it('does not read an old question while the user types a new prompt under it', () => {
    const lines = [...BANNER, ...QUESTION, 'Skipped add-a-readme.txt.', '> write tests'];
    expect(demoProvider.readScreen(lines).question).toBeNull();
  });

  it('detects the busy marker on the last lines', () => {
    const lines = [...BANNER, '> add a README', '⠙ Working on it… (0s · esc to interrupt)'];
    expect(demoProvider.readScreen(lines)).toEqual({ busy: true, question: null });
  });

  it('ignores a busy marker that has scrolled above the last six lines', () => {
    const marker = '⠙ Working on it… (3s · esc to interrupt)';
    expect(demoProvider.readScreen([marker, 'Interrupted.', 'a', 'b', 'c', 'd', '> ']).busy).toBe(false);
    expect(demoProvider.readScreen([marker, 'a', 'b', 'c', 'd', '> ']).busy).toBe(true);
  });

  it('an empty screen is neither busy nor asking', () => {
    expect(demoProvider.readScreen([])).toEqual({ busy: false, question: null });
  });
});

describe('readNumberedQuestion', () => {
  const pattern = /^Do you want to .+\?$/;

  it('reads options numbered "1." or "1)" with or without a selection marker', () => {
    const lines = [
      'Do you want to run npm test?',
      '› 1) Yes',
      '  2) Yes, and do not ask again',
      '> 3. No, tell me why',
    ];
    expect(readNumberedQuestion(lines, pattern)).toEqual({
      text: 'Do you want to run npm test?',
      options: ['Yes', 'Yes, and do not ask again', 'No, tell me why'],
    });
  });

  it('allows a short footer under the options, but not a longer one', () => {
    expect(readNumberedQuestion([...QUESTION, '', 'Esc to cancel'], pattern)?.options).toEqual(['Yes', 'No']);
    expect(readNumberedQuestion([...QUESTION, 'a', 'b', 'c'], pattern)).toBeNull();
    expect(readNumberedQuestion([...QUESTION, 'Esc to cancel'], pattern, 0)).toBeNull();
  });

  it('finds the question a few lines above the options (e.g. a wrapped detail line between)', () => {
    const lines = ['Do you want to create notes.txt?', 'notes.txt will contain 3 lines', '❯ 1. Yes', '  2. No'];
    expect(readNumberedQuestion(lines, pattern)?.text).toBe('Do you want to create notes.txt?');
  });

  it('needs at least two options and a matching question', () => {
    expect(readNumberedQuestion(['Do you want to create x.txt?', '❯ 1. Yes'], pattern)).toBeNull();
    expect(readNumberedQuestion(['Pick one:', '1. Red', '2. Blue'], pattern)).toBeNull();
    expect(readNumberedQuestion(['1. Red', '2. Blue'], pattern)).toBeNull();
  });

  it('trims the question text', () => {
    expect(readNumberedQuestion(['   Do you want to go?  ', '1. Yes', '2. No'], pattern)?.text).toBe(
      'Do you want to go?',
    );
  });
});
