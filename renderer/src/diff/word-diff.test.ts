import { describe, expect, it } from 'vitest';
import { pairWords, tokenize } from './word-diff.js';

describe('word diff', () => {
  it('splits into words, spaces and punctuation', () => {
    expect(tokenize('foo(bar_1, "x")')).toEqual(['foo', '(', 'bar_1', ',', ' ', '"', 'x', '"', ')']);
  });

  it('marks only the changed words', () => {
    const pair = pairWords('return total + tax;', 'return subtotal + tax;');
    expect(pair?.old).toEqual([
      { text: 'return ', changed: false },
      { text: 'total', changed: true },
      { text: ' + tax;', changed: false },
    ]);
    expect(pair?.new.find((p) => p.changed)?.text).toBe('subtotal');
  });

  it('gives up on lines that share almost nothing, and on very long lines', () => {
    expect(pairWords('alpha beta gamma', 'completely different words')).toBeNull();
    const long = 'x '.repeat(500);
    expect(pairWords(long, `${long}y`)).toBeNull();
  });
});
