/** Which sources may set a session's live status. */
export interface StatusSources {
  /** The CLIs' hooks (posts are refused when off, as if the hooks were broken). */
  hook: boolean;
  /** The screen readers (when off, status reading sees a blank screen; answers still check the real one). */
  screen: boolean;
}

/**
 * FLOTILLA_STATUS_SOURCES=hook,screen (the default) in the host's environment. Leaving one out shows how
 * status behaves without it: a check for a CLI release that breaks its hooks or its screen, and what the
 * tests use to remove each source in turn.
 */
export function statusSources(env: NodeJS.ProcessEnv): StatusSources {
  const value = env.FLOTILLA_STATUS_SOURCES?.trim();
  if (!value) return { hook: true, screen: true };
  const named = new Set(value.split(',').map((s) => s.trim()));
  return { hook: named.has('hook'), screen: named.has('screen') };
}
