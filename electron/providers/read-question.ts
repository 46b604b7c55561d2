import type { PromptQuestion } from '../../shared/session.js';

const OPTION = /^\s*(?:[❯>›]\s*)?(\d+)[.)]\s+(.+?)\s*$/;

/**
 * Finds a numbered-options question ending the screen, e.g.
 *   Do you want to create notes.txt?
 *   ❯ 1. Yes
 *     2. No
 * The options must be the last lines, so a question the agent already moved past is not read again.
 */
export function readNumberedQuestion(lines: string[], questionPattern: RegExp, maxTrailing = 2): PromptQuestion | null {
  let end = lines.length;
  // Allow a footer of a few lines under the options (hints such as "Esc to cancel").
  for (let skipped = 0; skipped <= maxTrailing && end > 0; skipped++) {
    const options: string[] = [];
    let i = end - 1;
    while (i >= 0) {
      const match = OPTION.exec(lines[i] ?? '');
      if (!match) break;
      options.unshift(match[2]!.trim());
      i--;
    }
    if (options.length >= 2) {
      for (let q = i; q >= Math.max(0, i - 3); q--) {
        const text = (lines[q] ?? '').trim();
        if (questionPattern.test(text)) return { text, options };
      }
      return null;
    }
    end--;
  }
  return null;
}
