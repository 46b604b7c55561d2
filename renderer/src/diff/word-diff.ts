export interface WordPart {
  text: string;
  changed: boolean;
}

/** Words, runs of spaces and single punctuation marks: the units a changed line is compared in. */
export function tokenize(line: string): string[] {
  return line.match(/[\p{L}\p{N}_]+|\s+|[^\p{L}\p{N}_\s]/gu) ?? [];
}

/** Above this many tokens a line pair is not compared word by word (the comparison is quadratic). */
const MAX_TOKENS = 400;

/**
 * The words that differ between a removed line and the line that replaced it (a longest common
 * subsequence of tokens). Null when the lines share too little for highlighting to help, or are too long.
 */
export function pairWords(oldLine: string, newLine: string): { old: WordPart[]; new: WordPart[] } | null {
  const a = tokenize(oldLine);
  const b = tokenize(newLine);
  if (a.length > MAX_TOKENS || b.length > MAX_TOKENS) return null;
  const n = a.length;
  const m = b.length;
  // lcs[i][j]: the common subsequence length of a[i..] and b[j..]
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const oldParts: WordPart[] = [];
  const newParts: WordPart[] = [];
  let common = 0;
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      push(oldParts, a[i]!, false);
      push(newParts, b[j]!, false);
      common += a[i]!.trim() ? a[i]!.length : 0;
      i++;
      j++;
    } else if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) push(newParts, b[j++]!, true);
    else push(oldParts, a[i++]!, true);
  }
  const longest = Math.max(oldLine.trim().length, newLine.trim().length);
  if (longest === 0 || common / longest < 0.25) return null;
  return { old: oldParts, new: newParts };
}

function push(parts: WordPart[], text: string, changed: boolean): void {
  const last = parts[parts.length - 1];
  if (last && last.changed === changed) last.text += text;
  else parts.push({ text, changed });
}
