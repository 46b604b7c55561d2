import { z } from 'zod';
import { SessionRef } from './session.js';

/** What to open on a session's worktree: the user's editor, or a terminal emulator started there. */
export const OpenTarget = z.enum(['editor', 'terminal']);
export type OpenTarget = z.infer<typeof OpenTarget>;

export const OpenResult = z.object({
  /** The argv that was started (detached), or null when the folder was handed to the system instead. */
  command: z.array(z.string()).nullable(),
  /** Where it came from, e.g. "editorCommand setting", "$VISUAL", "code on PATH", "system file manager". */
  source: z.string(),
});
export type OpenResult = z.infer<typeof OpenResult>;

/**
 * Opening a worktree in a program on the host's desktop. Only the desktop app's transport does it: a browser
 * may be on another machine than the host, so there it answers UNSUPPORTED and `host.info` says
 * `openTools: false` (the dashboard offers "Copy path" instead). The CLI opens programs itself (`flotilla open`).
 */
export const openMethods = {
  'session.open': { request: SessionRef.extend({ target: OpenTarget }).strict(), response: OpenResult },
} as const;
