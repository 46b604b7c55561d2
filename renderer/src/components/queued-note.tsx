import { useSettingsStore } from '../stores/settings-store.js';

/** Why a new session has not started: it waits for a slot under the max-concurrent-sessions setting. */
export function QueuedNote() {
  const limit = useSettingsStore((s) => s.settings?.maxConcurrentSessions ?? 0);
  const agents = limit === 1 ? 'agent runs' : 'agents run';
  return (
    <p className="card-queued" role="status">
      {limit > 0 ? `Queued: at most ${limit} ${agents} at once. ` : 'Queued. '}
      Starts by itself when a running agent ends or pauses.
    </p>
  );
}
