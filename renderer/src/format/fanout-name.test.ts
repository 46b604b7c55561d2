import { describe, expect, it } from 'vitest';
import { splitFanoutName } from './fanout-name.js';

describe('splitFanoutName', () => {
  it('keeps the copy number apart from the text', () => {
    expect(splitFanoutName('refactor the HTTP client #12')).toEqual({
      text: 'refactor the HTTP client',
      suffix: ' #12',
    });
    expect(splitFanoutName('a #1')).toEqual({ text: 'a', suffix: ' #1' });
  });

  it('leaves other names whole', () => {
    expect(splitFanoutName('fix #12 in the parser')).toEqual({ text: 'fix #12 in the parser', suffix: '' });
    expect(splitFanoutName('#3')).toEqual({ text: '#3', suffix: '' });
    expect(splitFanoutName('plain')).toEqual({ text: 'plain', suffix: '' });
  });
});
