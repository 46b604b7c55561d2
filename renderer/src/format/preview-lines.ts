export const PREVIEW_LINES = 8;

/** Enough of the question's start to find it on screen, where it may wrap or sit in a box ("│ Do you…"). */
const PROBE_CHARS = 16;

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * The last lines of a session's screen for its card preview. While the card shows the agent's question in
 * its own box, the preview stops above the question (and its options below it), so it is shown once; the
 * lines before it (what the question is about) stay.
 */
export function previewLines(text: string, question?: string | null, max = PREVIEW_LINES): string {
  let lines = text.split('\n');
  const probe = question ? squash(question).slice(0, PROBE_CHARS) : '';
  if (probe) {
    const at = lines.findLastIndex((line) => squash(line).includes(probe));
    if (at >= 0) lines = lines.slice(0, at);
  }
  while (lines.length && !lines.at(-1)?.trim()) lines.pop();
  return lines.slice(-max).join('\n');
}
