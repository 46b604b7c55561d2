import { describe, expect, it } from 'vitest';
import { contextGaps, withContext } from './context-gaps.js';
import { parsePatch } from './parse-patch.js';

// Lines 1-20 of a file; line 5 and line 15 changed (two hunks with three lines of context).
const PATCH = `--- a/f.txt
+++ b/f.txt
@@ -2,7 +2,7 @@
 l2
 l3
 l4
-l5
+L5
 l6
 l7
 l8
@@ -12,7 +12,8 @@
 l12
 l13
 l14
-l15
+L15
+L15b
 l16
 l17
 l18
`;

const fileLines = new Map(
  [
    'l1',
    'l2',
    'l3',
    'l4',
    'L5',
    'l6',
    'l7',
    'l8',
    'l9',
    'l10',
    'l11',
    'l12',
    'l13',
    'l14',
    'L15',
    'L15b',
    'l16',
    'l17',
    'l18',
    'l19',
    'l20',
    'l21',
  ].map((t, i) => [i + 1, t] as const),
);

describe('contextGaps', () => {
  it('finds the hidden lines above, between and below the hunks', () => {
    const lines = parsePatch(PATCH);
    expect(contextGaps(lines, null)).toEqual([
      { key: 'top', from: 1, to: 1, oldOffset: 0, direction: 'up' },
      { key: 'before-1', from: 9, to: 11, oldOffset: 0, direction: 'down' },
      { key: 'bottom', from: 20, to: null, oldOffset: -1, direction: 'down' },
    ]);
    expect(contextGaps(lines, 19).map((g) => g.key)).toEqual(['top', 'before-1']);
    expect(contextGaps(parsePatch('@@ -0,0 +1,2 @@\n+a\n+b\n'), null)).toEqual([]);
  });

  it('puts revealed lines next to their hunk, numbered on both sides, and an expand row where lines stay hidden', () => {
    const lines = parsePatch(PATCH);
    const gaps = contextGaps(lines, 21);
    const display = withContext(lines, gaps, { lines: fileLines, total: 21 }, { 'before-1': 2, bottom: 5 });
    const summary = display.map((l) =>
      l.kind === 'expand'
        ? `expand ${'hidden' in l ? l.hidden : ''}`
        : `${l.kind} ${l.oldNo ?? ''}/${l.newNo ?? ''} ${l.text}`,
    );
    expect(summary.slice(0, 2)).toEqual(['expand 1', 'hunk / @@ -2,7 +2,7 @@']);
    expect(summary.slice(10, 14)).toEqual([
      'context 9/9 l9',
      'context 10/10 l10',
      'expand 1',
      'hunk / @@ -12,7 +12,8 @@',
    ]);
    expect(summary.slice(-2)).toEqual(['context 19/20 l19', 'context 20/21 l20']);
  });
});

describe('the end of the file', () => {
  it('is known without reading the file when the last hunk has fewer trailing context lines than git gives', () => {
    const gaps = (patch: string) => contextGaps(parsePatch(patch), null).map((g) => g.key);
    // Three lines of context before the change, two after it: the file ends there.
    expect(gaps('@@ -5,6 +5,6 @@\n l5\n l6\n l7\n-l8\n+L8\n l9\n l10\n')).toEqual(['top']);
    expect(gaps('@@ -5,7 +5,7 @@\n l5\n l6\n l7\n-l8\n+L8\n l9\n l10\n l11\n')).toEqual(['top', 'bottom']);
    expect(gaps('@@ -5,4 +5,4 @@\n l5\n l6\n l7\n-l8\n+L8\n\\ No newline at end of file\n')).toEqual(['top']);
  });
});
