/**
 * A fan-out session's name ("fix the parser #2", electron/engine/session-naming.ts) split into the text and
 * its suffix, so a truncated name keeps the suffix that tells the copies apart.
 */
export function splitFanoutName(name: string): { text: string; suffix: string } {
  const match = /^(.*\S)(\s#\d+)$/s.exec(name);
  return match ? { text: match[1] ?? name, suffix: match[2] ?? '' } : { text: name, suffix: '' };
}
