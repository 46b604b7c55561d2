import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { HookWiring, LaunchContext, ProviderHooks } from './provider.js';

/** The Claude Code hook events Flotilla listens to (all present in 2.1.197). */
export const CLAUDE_HOOK_EVENTS = [
  'SessionStart',
  'UserPromptSubmit',
  'PreToolUse',
  'PermissionRequest',
  'PostToolUse',
  'Notification',
  'Stop',
] as const;
/** Events about a tool take a matcher on the tool's name: all of them. */
const TOOL_EVENTS = new Set<string>(['PreToolUse', 'PermissionRequest', 'PostToolUse']);
/** Seconds Claude Code gives a hook; the client itself gives up after 2. */
const HOOK_TIMEOUT_S = 5;
/** Beyond the host's hold of a PreToolUse (auto-lock): the client gives up 5 s after it, Claude Code 10 s. */
const HOLD_MARGIN_S = 10;

/** Claude Code settings holding only Flotilla's hooks: each event runs the hook client, which prints nothing. */
export function claudeHookSettings(wiring: HookWiring): { hooks: Record<string, unknown[]> } {
  const hooks: Record<string, unknown[]> = {};
  for (const event of CLAUDE_HOOK_EVENTS) {
    // A PreToolUse may be held while another session holds the worktree's lock (auto-lock).
    const held = event === 'PreToolUse' && (wiring.holdSeconds ?? 0) > 0;
    const timeout = held ? wiring.holdSeconds! + HOLD_MARGIN_S : HOOK_TIMEOUT_S;
    const handler = { type: 'command', command: wiring.command(event), timeout };
    hooks[event] = [TOOL_EVENTS.has(event) ? { matcher: '*', hooks: [handler] } : { hooks: [handler] }];
  }
  return { hooks };
}

/** Claude Code has hooks for every event Flotilla reads. */
export const claudeHooks: ProviderHooks = { events: CLAUDE_HOOK_EVENTS };

/**
 * `--settings <file>` when the engine receives this launch's hooks: Claude Code merges that file over the
 * user's own settings (theirs, their own hooks included, keep working: checked on 2.1.197). The file is in
 * the session's state folder, so the worktree (the session's diff) and ~/.claude stay untouched.
 */
export async function claudeHookArgs(ctx: LaunchContext): Promise<string[]> {
  if (!ctx.hooks) return [];
  await mkdir(ctx.stateDir, { recursive: true });
  const file = path.join(ctx.stateDir, 'claude-hook-settings.json');
  await writeFile(file, `${JSON.stringify(claudeHookSettings(ctx.hooks), null, 2)}\n`, { mode: 0o600 });
  return ['--settings', file];
}
