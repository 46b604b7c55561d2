/**
 * Syntax highlighting of single diff lines, by file extension. A diff shows lines out of their file, so a
 * full grammar would not help much: each line is scanned on its own with a few sticky regexes per language
 * (comments, strings, numbers, keywords…). It gives token ranges directly, which the viewer merges with
 * its word-level change marks; no dependency, and nothing to load.
 */
export interface Token {
  text: string;
  /** Token class without the `tok-` prefix; undefined for plain text. */
  type?: string;
}

type Rule = readonly [type: string, pattern: RegExp];

interface Language {
  rules: readonly Rule[];
  keywords?: ReadonlySet<string>;
  literals?: ReadonlySet<string>;
  /** Capitalized identifiers are types (TS, Go, Rust). */
  capitalTypes?: boolean;
}

const words = (list: string) => new Set(list.split(' '));

const IDENT = /[A-Za-z_$][\w$]*/y;
const NUMBER: Rule = ['number', /(?:0[xob][\da-f_]+|\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?)n?\b/iy];
const SLASH_COMMENTS: Rule[] = [
  ['comment', /\/\/.*/y],
  ['comment', /\/\*.*?(?:\*\/|$)/y],
];
const HASH_COMMENT: Rule = ['comment', /#.*/y];
const DQ: Rule = ['string', /"(?:[^"\\]|\\.)*"?/y];
const SQ: Rule = ['string', /'(?:[^'\\]|\\.)*'?/y];
const BT: Rule = ['string', /`(?:[^`\\]|\\.)*`?/y];

const JS_KEYWORDS = words(
  'abstract as async await break case catch class const continue debugger declare default delete do else enum export extends finally for from function get if implements import in instanceof interface keyof let namespace new of private protected public readonly return satisfies set static super switch this throw try type typeof var void while with yield',
);
const C_LITERALS = words('true false null undefined NaN Infinity nil None True False');

const LANGUAGES: Record<string, Language> = {
  js: {
    rules: [...SLASH_COMMENTS, DQ, SQ, BT, NUMBER],
    keywords: JS_KEYWORDS,
    literals: C_LITERALS,
    capitalTypes: true,
  },
  json: { rules: [['property', /"(?:[^"\\]|\\.)*"(?=\s*:)/y], DQ, NUMBER], literals: words('true false null') },
  css: {
    rules: [
      ['comment', /\/\*.*?(?:\*\/|$)/y],
      DQ,
      SQ,
      ['meta', /@[\w-]+/y],
      ['property', /--?[A-Za-z][\w-]*(?=\s*:)/y],
      ['number', /#[\da-f]{3,8}\b/iy],
      ['number', /-?\d*\.?\d+(?:%|[a-z]+)?/iy],
    ],
    literals: words('important inherit initial unset none auto'),
  },
  html: {
    rules: [
      ['comment', /<!--.*?(?:-->|$)/y],
      ['tag', /<\/?[A-Za-z][\w:-]*|\/?>/y],
      ['attr', /[A-Za-z_:][\w:.-]*(?==)/y],
      DQ,
      SQ,
      ['literal', /&[#\w]+;/y],
    ],
  },
  python: {
    rules: [HASH_COMMENT, ['string', /[rbfu]{0,2}("""|''').*?(?:\1|$)/iy], DQ, SQ, ['meta', /@[\w.]+/y], NUMBER],
    keywords: words(
      'and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield match case',
    ),
    literals: C_LITERALS,
  },
  go: {
    rules: [...SLASH_COMMENTS, DQ, BT, ['string', /'(?:[^'\\]|\\.)*'/y], NUMBER],
    keywords: words(
      'break case chan const continue default defer else fallthrough for func go goto if import interface map package range return select struct switch type var',
    ),
    literals: words('true false nil iota'),
    capitalTypes: true,
  },
  rust: {
    rules: [...SLASH_COMMENTS, DQ, ['string', /'(?:[^'\\]|\\.)'/y], ['meta', /#!?\[[^\]]*\]?/y], NUMBER],
    keywords: words(
      'as async await break const continue crate dyn else enum extern fn for if impl in let loop match mod move mut pub ref return self Self static struct super trait type unsafe use where while',
    ),
    literals: words('true false None Some Ok Err'),
    capitalTypes: true,
  },
  markdown: {
    rules: [
      ['title', /^#{1,6}\s.*/y],
      ['string', /`[^`]*`?/y],
      ['keyword', /\*\*[^*]+\*\*|__[^_]+__/y],
      ['attr', /\[[^\]]*\]\([^)]*\)?/y],
      ['meta', /^\s*(?:[-*+]|\d+\.)\s/y],
      ['comment', /^>.*/y],
    ],
  },
  shell: {
    rules: [['comment', /(?:^|(?<=\s))#.*/y], DQ, SQ, ['variable', /\$(?:\{[^}]*\}?|[\w@#?$!*-])/y], NUMBER],
    keywords: words(
      'if then else elif fi for while until do done case esac in function return local export readonly set unset shift exit break continue',
    ),
  },
};

const EXTENSIONS: Record<string, string> = {
  ts: 'js',
  tsx: 'js',
  mts: 'js',
  cts: 'js',
  js: 'js',
  jsx: 'js',
  mjs: 'js',
  cjs: 'js',
  json: 'json',
  jsonc: 'js',
  css: 'css',
  scss: 'css',
  less: 'css',
  html: 'html',
  htm: 'html',
  xml: 'html',
  svg: 'html',
  vue: 'html',
  py: 'python',
  pyi: 'python',
  go: 'go',
  rs: 'rust',
  md: 'markdown',
  markdown: 'markdown',
  sh: 'shell',
  bash: 'shell',
  zsh: 'shell',
};

/** The language of a file by its extension (or a shell rc file), null when there is none to highlight. */
export function languageOf(path: string): string | null {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (/^\.(bash|zsh)rc$|^\.profile$/.test(name)) return 'shell';
  const dot = name.lastIndexOf('.');
  return dot < 0 ? null : (EXTENSIONS[name.slice(dot + 1)] ?? null);
}

/** Lines longer than this stay plain (minified code would only cost time). */
export const MAX_HIGHLIGHT_LINE = 2000;

export function highlightLine(text: string, language: string | null): Token[] {
  const lang = language ? LANGUAGES[language] : undefined;
  if (!lang || text.length > MAX_HIGHLIGHT_LINE) return [{ text }];
  const tokens: Token[] = [];
  let plain = '';
  const push = (token: Token) => {
    if (plain) tokens.push({ text: plain });
    plain = '';
    tokens.push(token);
  };
  let i = 0;
  outer: while (i < text.length) {
    for (const [type, pattern] of lang.rules) {
      pattern.lastIndex = i;
      const match = pattern.exec(text);
      if (match && match[0].length > 0) {
        push({ text: match[0], type });
        i += match[0].length;
        continue outer;
      }
    }
    IDENT.lastIndex = i;
    const ident = IDENT.exec(text)?.[0];
    if (ident && !/[\w$]/.test(text[i - 1] ?? '')) {
      const type = identifierType(lang, ident, text[i + ident.length]);
      if (type) push({ text: ident, type });
      else plain += ident;
      i += ident.length;
      continue;
    }
    plain += text[i];
    i++;
  }
  if (plain) tokens.push({ text: plain });
  return tokens;
}

function identifierType(lang: Language, ident: string, next: string | undefined): string | undefined {
  if (lang.keywords?.has(ident)) return 'keyword';
  if (lang.literals?.has(ident)) return 'literal';
  if (!lang.keywords) return undefined;
  if (next === '(') return 'fn';
  if (lang.capitalTypes && /^[A-Z][a-z]/.test(ident)) return 'type';
  return undefined;
}
