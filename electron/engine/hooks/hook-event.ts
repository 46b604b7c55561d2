import { z } from 'zod';

/** The hook events Flotilla asks a CLI for (Claude Code 2.1.197 names; other CLIs map theirs onto these). */
export const HOOK_EVENTS = [
  'SessionStart',
  'UserPromptSubmit',
  'PreToolUse',
  'PermissionRequest',
  'PostToolUse',
  'Notification',
  'Stop',
] as const;
export const HookEventName = z.enum(HOOK_EVENTS);
export type HookEventName = z.infer<typeof HookEventName>;

/** Largest hook post the receiver reads; a bigger one is answered 413 (the client drops big payloads first). */
export const MAX_HOOK_BODY = 1024 * 1024;

/**
 * What the hook client posts: its session, the event, and the CLI's own JSON hook input (Claude Code passes it
 * on stdin: session_id, transcript_path, cwd, hook_event_name, tool_name, tool_input, message…), kept as an
 * open record: the CLI owns its fields. The credential travels in the Authorization header, not here.
 */
export const HookPost = z.object({
  sessionId: z.string().min(1).max(200),
  event: HookEventName,
  payload: z.record(z.string(), z.unknown()).nullable(),
});
export type HookPost = z.infer<typeof HookPost>;

/** One hook event, validated and authenticated, as listeners of `onHookEvent` get it. */
export interface HookEvent {
  sessionId: string;
  /** The session's provider id ("claude", "codex"). */
  providerId: string;
  event: HookEventName;
  payload: Record<string, unknown> | null;
  /** When the host received it (ms since the epoch). */
  receivedAt: number;
  /**
   * How long the hook client of this launch waits for its answer to a PreToolUse (seconds; 0: the usual
   * 2 s), so how long a gate may hold it (auto-lock).
   */
  holdSeconds?: number;
}

export type HookListener = (event: HookEvent) => void;

/**
 * Runs before the receiver answers a post: the hook client (and so the CLI's tool call) waits until its
 * promise settles. `signal` aborts when the client stopped waiting (its own timeout, or it was killed).
 */
export type HookGate = (event: HookEvent, signal: AbortSignal) => Promise<void> | void;
