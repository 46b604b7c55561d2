// Flotilla's opencode plugin: opencode (1.18) loads it for a Flotilla session through OPENCODE_CONFIG_CONTENT
// (`plugin: ["<this file>"]`, merged with the user's own plugins) and it runs inside opencode's server. It posts
// opencode's events to the Flotilla host at FLOTILLA_HOOK_URL with the session's credential
// (FLOTILLA_HOOK_TOKEN), in the engine's names: a user message -> UserPromptSubmit, tool.execute.before/after
// -> PreToolUse/PostToolUse, permission.asked -> PermissionRequest, permission.replied (allowed) ->
// PreToolUse (the tool now runs), session.idle of the main session -> Stop. It must never slow or break
// opencode: the hooks return at once (posts go out in the background, one at a time so they arrive in order),
// every error is swallowed, a post gives up after POST_TIMEOUT_MS and a dead host drops posts past MAX_QUEUED.
// opencode calls every export of a plugin file as a plugin: this file exports that one function only.

const POST_TIMEOUT_MS = 2000;
const MAX_QUEUED = 32;
/** A bigger payload (a write of a large file) is posted without it: the receiver takes ≤ 1 MB. */
const MAX_BODY = 512 * 1024;

/** @param {unknown} value */
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

export const FlotillaHooks = async () => {
  const url = process.env.FLOTILLA_HOOK_URL;
  const token = process.env.FLOTILLA_HOOK_TOKEN;
  const sessionId = process.env.FLOTILLA_SESSION_ID;
  if (!url || !token || !sessionId) return {};

  let queue = Promise.resolve();
  let queued = 0;
  /** Subagent sessions (the task tool): their idle is not the end of the user's turn. */
  const children = new Set();

  /** @param {string} event @param {Record<string, unknown>} payload */
  const send = async (event, payload) => {
    let body = JSON.stringify({ sessionId, event, payload });
    if (Buffer.byteLength(body) > MAX_BODY) body = JSON.stringify({ sessionId, event, payload: null });
    const res = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(POST_TIMEOUT_MS),
    });
    await res.arrayBuffer();
  };

  /** @param {string} event @param {Record<string, unknown>} payload */
  const post = (event, payload) => {
    if (queued >= MAX_QUEUED) return;
    queued++;
    queue = queue
      .then(() => send(event, { hook_event_name: event, ...payload }))
      .catch(() => undefined)
      .finally(() => queued--);
  };

  /** @param {() => void} fn */
  const guarded = (fn) => {
    try {
      fn();
    } catch {
      // never into opencode
    }
  };

  return {
    event: async (input) =>
      guarded(() => {
        const event = input?.event;
        const props = isObject(event?.properties) ? event.properties : {};
        const info = isObject(props.info) ? props.info : {};
        switch (event?.type) {
          case 'session.created':
          case 'session.updated':
            if (typeof info.parentID === 'string' && typeof info.id === 'string') children.add(info.id);
            return;
          case 'permission.asked':
            return post('PermissionRequest', {
              session_id: props.sessionID,
              tool_name: props.permission,
              patterns: props.patterns,
            });
          case 'permission.replied':
            if (props.reply !== 'reject') post('PreToolUse', { session_id: props.sessionID, reply: props.reply });
            return;
          case 'session.idle':
            if (!children.has(props.sessionID)) post('Stop', { session_id: props.sessionID });
            return;
          default:
        }
      }),
    'chat.message': async (input) =>
      guarded(() => post('UserPromptSubmit', { session_id: input?.sessionID, agent: input?.agent })),
    'tool.execute.before': async (input, output) =>
      guarded(() =>
        post('PreToolUse', { session_id: input?.sessionID, tool_name: input?.tool, tool_input: output?.args }),
      ),
    'tool.execute.after': async (input) =>
      guarded(() =>
        post('PostToolUse', { session_id: input?.sessionID, tool_name: input?.tool, tool_input: input?.args }),
      ),
  };
};
