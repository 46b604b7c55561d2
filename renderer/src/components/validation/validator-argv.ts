/**
 * A validator's command line as typed in Settings → argv, split like a shell splits words ('…' literal,
 * "…" with \" and \\, \x outside quotes) with nothing expanded and no shell run: what the setup command's
 * parser does on the host (electron/engine/worktrees/setup-command.ts), kept small for the form.
 * An unclosed quote is an error.
 */
export function parseArgvText(text: string): string[] | { error: string } {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) word += text[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) return { error: `unclosed ${quote}` };
  if (inWord) words.push(word);
  return words;
}

/** The argv as one line that parseArgvText reads back the same (words with spaces or quotes single-quoted). */
export function argvText(argv: readonly string[]): string {
  return argv.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`)).join(' ');
}
