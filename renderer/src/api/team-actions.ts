import type { AgentMessage, MessageMode } from '../../../shared/coordination.js';
import { useTeamStore } from '../stores/team-store.js';
import { api } from './api-instance.js';
import { errorCode, errorMessage } from './errors.js';

/** One target's outcome: the message as the host took it (queued, delivered or failed), or why it refused. */
export type SendOutcome = { id: string; message: AgentMessage } | { id: string; error: string };

/** Sends `text` to each session with `mode` (message.send per session, all at once), each outcome kept. */
export async function sendMessages(ids: string[], text: string, mode: MessageMode): Promise<SendOutcome[]> {
  const results = await Promise.allSettled(ids.map((id) => api().invoke('message.send', { id, text, mode })));
  return results.map((result, i) => {
    const id = ids[i] ?? '';
    if (result.status === 'fulfilled') {
      useTeamStore.getState().noteMessage(result.value);
      return { id, message: result.value };
    }
    const code = errorCode(result.reason);
    return { id, error: code ? `${code}: ${errorMessage(result.reason)}` : errorMessage(result.reason) };
  });
}

/** Whether an outcome is a failure to show: refused by the host, or taken but failed (its target ended). */
export function failedOutcome(outcome: SendOutcome): string | null {
  if ('error' in outcome) return outcome.error;
  return outcome.message.state === 'failed' ? (outcome.message.error ?? 'not delivered') : null;
}
