/** The key that stops an agent's current turn, by provider id (an urgent message writes it first). */
const ESC = '\x1b';
const CTRL_C = '\x03';

const INTERRUPT_KEYS: Record<string, string> = {
  // The TUIs cancel the running turn (or a permission dialog) with Escape; Ctrl-C there may quit.
  claude: ESC,
  codex: ESC,
  gemini: ESC,
  opencode: ESC,
  // The demo agent stops on Escape or Ctrl-C while busy, but two Ctrl-C at its prompt exit it; Escape
  // at its prompt is ignored, so Escape is the safe one.
  demo: ESC,
  // A shell (and aider, a readline REPL) stop the foreground command on Ctrl-C.
  shell: CTRL_C,
  aider: CTRL_C,
  custom: CTRL_C,
};

/** The provider's interrupt key; a provider not listed gets Ctrl-C, what a terminal program most often honours. */
export function interruptKey(providerId: string): string {
  return INTERRUPT_KEYS[providerId] ?? CTRL_C;
}
