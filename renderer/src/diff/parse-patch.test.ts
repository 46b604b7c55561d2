import { describe, expect, it } from 'vitest';
import { parsePatch, toSplitRows } from './parse-patch.js';

const PATCH = `diff --git a/app.ts b/app.ts
index 1111111..2222222 100644
--- a/app.ts
+++ b/app.ts
@@ -1,4 +1,5 @@ export function main() {
 const a = 1;
-const name = 'old value';
+const name = 'new value';
+const extra = true;
 return a;
-}
\\ No newline at end of file
+}
`;

describe('parsePatch', () => {
  it('numbers old and new lines from the hunk header and drops git headers', () => {
    const lines = parsePatch(PATCH);
    expect(lines.map((l) => [l.kind, l.oldNo, l.newNo])).toEqual([
      ['hunk', null, null],
      ['context', 1, 1],
      ['del', 2, null],
      ['add', null, 2],
      ['add', null, 3],
      ['context', 3, 4],
      ['del', 4, null],
      ['note', null, null],
      ['add', null, 5],
    ]);
    expect(lines[7]?.text).toBe('No newline at end of file');
  });

  it('pairs a removed line with the added line that replaced it, word by word', () => {
    const lines = parsePatch(PATCH);
    expect(lines[2]?.words).toEqual([
      { text: "const name = '", changed: false },
      { text: 'old', changed: true },
      { text: " value';", changed: false },
    ]);
    expect(lines[3]?.words?.filter((w) => w.changed).map((w) => w.text)).toEqual(['new']);
    // The second added line has no removed counterpart.
    expect(lines[4]?.words).toBeUndefined();
  });

  it('an added file: every line added, numbered from 1', () => {
    const lines = parsePatch('--- /dev/null\n+++ b/x.txt\n@@ -0,0 +1,2 @@\n+one\n+two\n');
    expect(lines.filter((l) => l.kind === 'add').map((l) => [l.newNo, l.text])).toEqual([
      [1, 'one'],
      [2, 'two'],
    ]);
  });

  it('side by side: removed lines face their replacements, context on both sides', () => {
    const rows = toSplitRows(parsePatch(PATCH));
    const changed = rows.filter((r) => r.left !== r.right);
    expect(changed.map((r) => [r.left?.text ?? null, r.right?.text ?? null])).toEqual([
      ["const name = 'old value';", "const name = 'new value';"],
      [null, 'const extra = true;'],
      // git's "no newline" note sits between these two, so they are not paired
      ['}', null],
      [null, '}'],
    ]);
  });
});
