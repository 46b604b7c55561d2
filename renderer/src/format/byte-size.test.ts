import { describe, expect, it } from 'vitest';
import { byteSize } from './byte-size.js';

describe('byteSize', () => {
  it('picks the unit that keeps the number short', () => {
    expect(byteSize(0)).toBe('0 B');
    expect(byteSize(512)).toBe('512 B');
    expect(byteSize(1536)).toBe('1.5 KB');
    expect(byteSize(48 * 1024)).toBe('48 KB');
    expect(byteSize(3.25 * 1024 * 1024)).toBe('3.3 MB');
    expect(byteSize(26 * 1024 ** 3)).toBe('26 GB');
    expect(byteSize(5 * 1024 ** 5)).toBe('5120 TB');
  });
});
