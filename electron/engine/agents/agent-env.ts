import path from 'node:path';

/**
 * Variables of the host's own runtime that must not leak into an agent (Electron, npm scripts, our test runner).
 * FLOTILLA_URL / FLOTILLA_TOKEN / FLOTILLA_PARENT_ID belong to the session the host itself may run in (a host
 * started from an agent's terminal): an agent gets its own or none, never its host's.
 */
const STRIPPED_PREFIXES = ['ELECTRON_', 'npm_', 'VITEST', 'NODE_OPTIONS', 'NODE_CHANNEL_FD', 'FLOTILLA_HOST_'];
const STRIPPED_NAMES = new Set(['FLOTILLA_URL', 'FLOTILLA_TOKEN', 'FLOTILLA_PARENT_ID']);

/** A clean environment for an agent: the user's variables minus host internals, plus terminal settings. */
export function agentEnv(
  base: NodeJS.ProcessEnv,
  sessionId: string,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) {
    if (value === undefined) continue;
    if (STRIPPED_PREFIXES.some((prefix) => key.startsWith(prefix)) || STRIPPED_NAMES.has(key)) continue;
    env[key] = value;
  }
  return { ...env, TERM: 'xterm-256color', COLORTERM: 'truecolor', FLOTILLA_SESSION_ID: sessionId, ...extra };
}

/** `dir` first on the env's PATH (after a profile's own PATH, if it set one), so its `flotilla` wins. */
export function withPathFirst(env: NodeJS.ProcessEnv, dir: string): NodeJS.ProcessEnv {
  const rest = (env.PATH ?? '').split(path.delimiter).filter((entry) => entry && entry !== dir);
  return { ...env, PATH: [dir, ...rest].join(path.delimiter) };
}
