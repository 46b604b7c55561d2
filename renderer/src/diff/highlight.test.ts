import { describe, expect, it } from 'vitest';
import { highlightLine, languageOf } from './highlight.js';
import { lineSegments } from './line-segments.js';

const typed = (text: string, lang: string) =>
  highlightLine(text, lang)
    .filter((t) => t.type)
    .map((t) => `${t.type}:${t.text}`);

describe('highlightLine', () => {
  it('knows languages by extension', () => {
    expect(
      ['a.ts', 'b.tsx', 'c.json', 'd.css', 'e.html', 'f.py', 'g.go', 'h.rs', 'README.md', 'run.sh'].map(languageOf),
    ).toEqual(['js', 'js', 'json', 'css', 'html', 'python', 'go', 'rust', 'markdown', 'shell']);
    expect(languageOf('Makefile')).toBeNull();
    expect(languageOf('notes.txt')).toBeNull();
  });

  it('tokenizes keywords, strings, numbers, comments and calls, keeping every character', () => {
    const line = "export const name: Thing = load('x', 42); // why";
    const tokens = highlightLine(line, 'js');
    expect(tokens.map((t) => t.text).join('')).toBe(line);
    expect(typed(line, 'js')).toEqual([
      'keyword:export',
      'keyword:const',
      'type:Thing',
      'fn:load',
      "string:'x'",
      'number:42',
      'comment:// why',
    ]);
    expect(typed('  "key": [1, true, "v"],', 'json')).toEqual([
      'property:"key"',
      'number:1',
      'literal:true',
      'string:"v"',
    ]);
    expect(typed('def f(x): return None  # done', 'python')).toEqual([
      'keyword:def',
      'fn:f',
      'keyword:return',
      'literal:None',
      'comment:# done',
    ]);
    expect(typed('echo "$HOME" # c', 'shell')).toEqual(['string:"$HOME"', 'comment:# c']);
    expect(typed('<a href="x">', 'html')).toEqual(['tag:<a', 'attr:href', 'string:"x"', 'tag:>']);
    expect(typed('## Title', 'markdown')).toEqual(['title:## Title']);
  });

  it('leaves unknown languages and very long lines plain', () => {
    expect(highlightLine('const x = 1', null)).toEqual([{ text: 'const x = 1' }]);
    expect(highlightLine('x'.repeat(5000), 'js')).toHaveLength(1);
  });
});

describe('lineSegments', () => {
  it('cuts tokens at word-change boundaries', () => {
    const tokens = highlightLine("const name = 'old value';", 'js');
    const segments = lineSegments(tokens, [
      { text: "const name = '", changed: false },
      { text: 'old', changed: true },
      { text: " value';", changed: false },
    ]);
    expect(segments).toEqual([
      { text: 'const', type: 'keyword', changed: false },
      { text: ' name = ', changed: false },
      { text: "'", type: 'string', changed: false },
      { text: 'old', type: 'string', changed: true },
      { text: " value'", type: 'string', changed: false },
      { text: ';', changed: false },
    ]);
  });

  it('without word changes, the tokens as they are', () => {
    expect(lineSegments([{ text: 'a' }, { text: 'if', type: 'keyword' }], undefined)).toEqual([
      { text: 'a', changed: false },
      { text: 'if', type: 'keyword', changed: false },
    ]);
  });
});
