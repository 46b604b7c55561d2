/** Shell operators that, unquoted, would silently become arguments of a command run without a shell. */
const SHELL_OPERATORS = new Set(['&&', '||', '|', ';', '&', '>', '>>', '<', '2>', '2>&1']);

export interface CommandWords {
  words: string[];
  /** Unquoted shell operators among the words (the caller refuses them: nothing runs a shell). */
  operators: string[];
  /** The quote left open at the end, if any. */
  unclosed: "'" | '"' | null;
}

/**
 * Splits a command line into argv the way a shell splits words (spaces; '…' literal; "…" with \" \\ \$ \`
 * escapes; \x outside quotes), without expanding anything. Used where a person types a command that is then
 * run without a shell: a repository's setup command (host) and its validators (Settings).
 */
export function splitCommandWords(command: string): CommandWords {
  const words: string[] = [];
  const operators: string[] = [];
  let word = '';
  let inWord = false;
  let quoted = false;
  let quote: "'" | '"' | null = null;
  const end = () => {
    if (!inWord) return;
    words.push(word);
    if (!quoted && SHELL_OPERATORS.has(word)) operators.push(word);
  };
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && i + 1 < command.length && '"\\$`'.includes(command[i + 1]!)) word += command[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
      quoted = true;
    } else if (c === '\\' && i + 1 < command.length) {
      word += command[++i];
      inWord = true;
      quoted = true;
    } else if (/\s/.test(c)) {
      end();
      word = '';
      inWord = false;
      quoted = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  end();
  return { words, operators, unclosed: quote };
}

/** Why a command typed for running without a shell cannot be run as typed, or null. */
export function commandWordsProblem(split: CommandWords): string | null {
  if (split.unclosed) return `has an unterminated ${split.unclosed} quote`;
  if (split.operators.length > 0) {
    return (
      `is run without a shell, so "${split.operators[0]}" would be passed as an argument; ` +
      `write sh -c "…" to use a shell`
    );
  }
  return null;
}
