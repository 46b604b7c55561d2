/** Variables of the host's own runtime that must not leak into an agent (Electron, npm scripts, our test runner). */
const STRIPPED_PREFIXES = ['ELECTRON_', 'npm_', 'VITEST', 'NODE_OPTIONS', 'NODE_CHANNEL_FD', 'FLOTILLA_HOST_'];

/** A clean environment for an agent: the user's variables minus host internals, plus terminal settings. */
export function agentEnv(base: NodeJS.ProcessEnv, sessionId: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) {
    if (value === undefined) continue;
    if (STRIPPED_PREFIXES.some((prefix) => key.startsWith(prefix))) continue;
    env[key] = value;
  }
  return { ...env, TERM: 'xterm-256color', COLORTERM: 'truecolor', FLOTILLA_SESSION_ID: sessionId, ...extra };
}
