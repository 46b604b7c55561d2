import { describe, expect, it } from 'vitest';
import { aiderProvider, detectAiderScreen } from './aider.js';
import { readFixture } from './fixtures/read-fixture.js';

const read = (name: string) => detectAiderScreen(readFixture('aider', name));

describe('detectAiderScreen', () => {
  it('reads "Run shell commands?" with its choices and the commands above it', () => {
    expect(read('run-shell-command')).toEqual({
      busy: false,
      question: { text: 'Run shell commands?', options: ['Yes', 'No', "Don't ask again"], detail: 'rm -rf build\nnpm run build' },
    });
  });

  it('reads the grouped add-file prompt and the create-file prompt', () => {
    expect(read('add-file').question).toEqual({
      text: 'Add file to the chat?',
      options: ['Yes', 'No', 'All', 'Skip all', "Don't ask again"],
      detail: 'src/app.ts',
    });
    expect(read('create-file').question).toEqual({ text: 'Create new file?', options: ['Yes', 'No'], detail: '/etc/motd' });
  });

  it('an answered prompt with output and a new "> " under it is not read again', () => {
    expect(read('answered')).toEqual({ busy: false, question: null });
  });

  it('busy while waiting for the model', () => {
    expect(read('busy')).toEqual({ busy: true, question: null });
  });

  it('answers with the choice letter and Enter', () => {
    const question = read('add-file').question!;
    expect([1, 2, 3, 4, 5].map((k) => aiderProvider.keys.option(k, question))).toEqual(['y\r', 'n\r', 'a\r', 's\r', 'd\r']);
    expect(aiderProvider.keys.deny(question)).toBe('n\r');
    expect(aiderProvider.typesPrompt).toBe(true);
  });
});
