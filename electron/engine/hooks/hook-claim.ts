import type { LiveStatus } from '../../../shared/session-state.js';
import type { HookEventName } from './hook-event.js';

/**
 * What a hook event says about the agent's status: a prompt submitted or a tool about to run or done means it
 * works, a permission request means it waits for the user, Stop means its turn is over. SessionStart and
 * Notification (which also fires for plan approvals and after a minute idle) claim nothing.
 */
export function hookClaim(event: HookEventName): LiveStatus | null {
  switch (event) {
    case 'UserPromptSubmit':
    case 'PreToolUse':
    case 'PostToolUse':
      return 'running';
    case 'PermissionRequest':
      return 'waiting';
    case 'Stop':
      return 'idle';
    default:
      return null;
  }
}
