/**
 * What each agent CLI takes to start a fresh conversation in the same process, typed at its prompt
 * (`flotilla clear`): a standby worker can be reused without the previous task in its context.
 * The demo agent has none (it would take "/clear" as a prompt and act on it), nor has a custom command.
 */
const CLEAR_COMMANDS: Readonly<Record<string, string>> = {
  claude: '/clear',
  codex: '/new',
  gemini: '/clear',
  opencode: '/new',
  aider: '/clear',
  shell: 'clear',
};

/** The line that clears a `provider` session's conversation; undefined when none is known. */
export function clearCommand(provider: string): string | undefined {
  return Object.hasOwn(CLEAR_COMMANDS, provider) ? CLEAR_COMMANDS[provider] : undefined;
}
