import { commandWordsProblem, splitCommandWords } from '../../../../shared/command-words.js';

/**
 * A validator's command line as typed in Settings → argv, split like a shell splits words with nothing
 * expanded and no shell run (shared/command-words.ts, as the host splits a setup command). An unclosed
 * quote or an unquoted shell operator (&&, |, >…) is an error: it would silently become an argument.
 */
export function parseArgvText(text: string): string[] | { error: string } {
  const split = splitCommandWords(text);
  const problem = commandWordsProblem(split);
  return problem ? { error: `the command ${problem}` } : split.words;
}

/** The argv as one line that parseArgvText reads back the same (words with spaces or quotes single-quoted). */
export function argvText(argv: readonly string[]): string {
  return argv.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`)).join(' ');
}
