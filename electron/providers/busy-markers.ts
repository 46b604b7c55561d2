/**
 * How agent CLIs show that they are working, beside their own wording ("esc to interrupt"): a status line
 * near the bottom of the screen, above or inside the input box. Each marker is anchored to the start or the
 * shape of such a line, so the same words in the agent's prose or in a diff do not count (the callers also
 * look only at the last few lines).
 */
const MARKERS: { name: string; pattern: RegExp }[] = [
  // "esc to interrupt" (Claude Code, Codex), "(esc to cancel, 9s)" (Gemini CLI). A bare "Esc to cancel" is
  // a dialog's footer (or the agent's text), no sign of work.
  { name: 'esc to interrupt', pattern: /\besc to interrupt\b|\(esc to cancel\b/i },
  // opencode's prompt footer: "⬝⬝⬝⬝  esc interrupt", "esc again to interrupt".
  { name: 'esc interrupt', pattern: /\besc (?:again to )?interrupt\b/i },
  { name: 'ctrl+c to interrupt', pattern: /\bctrl\+c to (?:interrupt|cancel|stop)\b/i },
  // A spinner glyph, then an activity label ending in an ellipsis: "✽ Tempering…", "· Misting…",
  // "⠙ Thinking... (3s)", at the line's start (the agent's own text is indented under its bullet). A finished
  // turn ("✻ Cooked for 2m 58s") has no ellipsis.
  { name: 'spinner', pattern: /^\s?[·✢✳✶✻✽✦⠁-⣿◐◓◑◒]\s\p{Lu}[\p{L}' -]{1,40}(?:…|\.\.\.)(?:\s|$)/u },
  // A live token count on a status line: "↓ 1.2k tokens" at its start, "(12s · ↑ 340 tokens)" in its parentheses.
  { name: 'token count', pattern: /^\s?[↓↑]\s?\d[\d.,]*k?\s+tokens\b|\([^)]*[↓↑]\s?\d[\d.,]*k?\s+tokens\b/ },
];

/** The first busy marker among the last `reach` lines, by name; undefined when none shows. */
export function busyMarker(lines: string[], reach = 8): string | undefined {
  const tail = lines.slice(-reach);
  return MARKERS.find(({ pattern }) => tail.some((line) => pattern.test(line)))?.name;
}

export function showsBusy(lines: string[], reach = 8): boolean {
  return busyMarker(lines, reach) !== undefined;
}

/**
 * Nothing drawn yet: a full-screen CLI still loading (Gemini CLI took 6 s under load here) is starting, not
 * idle at a prompt. Only for CLIs that always draw an input box once ready; a plain command may well wait
 * on a blank screen.
 */
export function nothingDrawn(lines: string[]): boolean {
  return lines.every((line) => line.trim() === '');
}
