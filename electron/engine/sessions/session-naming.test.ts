import { describe, expect, it } from 'vitest';
import { branchName, defaultName, newSessionId, sessionName, slugify } from './session-naming.js';

describe('newSessionId', () => {
  it('is 8 lowercase hex characters and different every time', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newSessionId()));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}$/);
  });
});

describe('slugify', () => {
  it('lowercases and joins words with single dashes', () => {
    expect(slugify('Add a README, please!')).toBe('add-a-readme-please');
    expect(slugify('  --Fix   the   BUG--  ')).toBe('fix-the-bug');
  });

  it('folds accents and drops characters git or shells would trip on', () => {
    expect(slugify('Café résumé naïve')).toBe('cafe-resume-naive');
    expect(slugify('rm -rf / && echo $HOME; `x` ~/.. "q"')).toBe('rm-rf-echo-home-x-q');
  });

  it('cuts at max characters without leaving a trailing dash', () => {
    expect(slugify('abcdefghij klm', 11)).toBe('abcdefghij');
    expect(slugify('x'.repeat(100))).toHaveLength(32);
    expect(slugify('word '.repeat(20), 10)).toBe('word-word');
  });

  it('falls back to "session" when nothing usable is left', () => {
    expect(slugify('')).toBe('session');
    expect(slugify('!!! ??? ***')).toBe('session');
    expect(slugify('日本語のプロンプト')).toBe('session');
  });
});

describe('defaultName', () => {
  it('uses the prompt with whitespace collapsed', () => {
    expect(defaultName('  add\n\ta   README  ', 'demo')).toBe('add a README');
  });

  it('shortens a long prompt to 40 characters ending in an ellipsis', () => {
    const name = defaultName('a'.repeat(39) + 'bcdef', 'demo');
    expect(name).toBe(`${'a'.repeat(39)}…`);
    expect(name).toHaveLength(40);
    expect(defaultName('b'.repeat(40), 'demo')).toBe('b'.repeat(40));
  });

  it('uses the provider id when there is no prompt', () => {
    expect(defaultName('', 'shell')).toBe('shell');
    expect(defaultName(' \n ', 'demo')).toBe('demo');
  });
});

describe('sessionName and branchName', () => {
  it('numbers sessions from 1 only when several are created together', () => {
    expect(sessionName('fix tests', 0, 1)).toBe('fix tests');
    expect(sessionName('fix tests', 0, 3)).toBe('fix tests #1');
    expect(sessionName('fix tests', 2, 3)).toBe('fix tests #3');
  });

  it('joins prefix, slug and id', () => {
    expect(branchName('flotilla/', 'add-readme', '1a2b3c4d')).toBe('flotilla/add-readme-1a2b3c4d');
    expect(branchName('', 'x', 'id')).toBe('x-id');
  });
});
