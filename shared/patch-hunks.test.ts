import { describe, expect, it } from 'vitest';
import { hunkHash, hunkSides, splitHunks } from './patch-hunks.js';

const PATCH = `diff --git a/a.txt b/a.txt
--- a/a.txt
+++ b/a.txt
@@ -1,3 +1,3 @@ head
 one
-two
+TWO
 three
@@ -9,2 +9,2 @@
 nine
-ten
\\ No newline at end of file
+ten
`;

describe('splitHunks', () => {
  it('splits hunks by their line counts and keeps the no-newline marker with its side', () => {
    const hunks = splitHunks(PATCH);
    expect(hunks.map((h) => [h.header, h.oldStart, h.newStart, h.lines.length])).toEqual([
      ['@@ -1,3 +1,3 @@ head', 1, 1, 4],
      ['@@ -9,2 +9,2 @@', 9, 9, 4],
    ]);
    const sides = hunkSides(hunks[1]!);
    expect(sides.old).toEqual({ lines: ['nine', 'ten'], noNewlineAtEnd: true });
    expect(sides.new).toEqual({ lines: ['nine', 'ten'], noNewlineAtEnd: false });
  });

  it('stops a body at its counts, so a following file header is not read as a removed line', () => {
    const [hunk] = splitHunks('@@ -1 +1 @@\n-a\n+b\n--- a/next\n+++ b/next\n');
    expect(hunk?.lines).toEqual(['-a', '+b']);
    expect(hunk?.oldCount).toBe(1);
  });

  it('hashes header and lines: any change gives another hash', () => {
    const [a, b] = splitHunks(PATCH);
    expect(hunkHash(a!)).toMatch(/^[0-9a-f]{16}$/);
    expect(hunkHash(a!)).toBe(hunkHash({ header: a!.header, lines: [...a!.lines] }));
    expect(hunkHash(a!)).not.toBe(hunkHash(b!));
    expect(hunkHash(a!)).not.toBe(hunkHash({ ...a!, lines: [...a!.lines.slice(0, 3), ' three '] }));
  });
});
