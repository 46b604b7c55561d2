/**
 * An argv setting (editorCommand, terminalCommand) as the user types it: words split on whitespace, no
 * quoting and never a shell; an argument with spaces in it needs the JSON array form, e.g.
 * ["/opt/My Editor/bin/edit", "-n"].
 */
export function commandText(argv: readonly string[]): string {
  return argv.some((arg) => /\s/.test(arg)) ? JSON.stringify(argv) : argv.join(' ');
}

/** The argv of what was typed; a string error when it starts like a JSON array but is not one of strings. */
export function parseCommandText(text: string): string[] | { error: string } {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[')) return trimmed.split(/\s+/).filter(Boolean);
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return { error: 'not a valid JSON array: write words separated by spaces, or ["program", "arg with spaces"]' };
  }
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    return { error: 'a JSON command must be an array of strings' };
  }
  return value as string[];
}
