import { useUsageStore } from '../stores/usage-store.js';
import type { FlotillaApi } from './flotilla-api.js';

/**
 * Keeps the usage store current: the whole per-session report on every (re)connection, then each
 * `session.usage` push (the host sends one per session at most about once a second, and all of them again
 * when the price table changes).
 */
export function syncUsage(api: FlotillaApi): () => void {
  const load = async () => {
    try {
      const report = await api.invoke('usage.report', { by: 'session' });
      const byId = Object.fromEntries(
        report.rows.map(({ key, label: _l, sessions: _s, unpricedModels: _u, ...usage }) => [key, usage]),
      );
      useUsageStore.getState().replaceAll(byId);
    } catch {
      // A host without usage (older) or a dropped connection: the next connection loads it again.
    }
  };
  const offs = [
    api.on('session.usage', ({ id, usage }) => useUsageStore.getState().set(id, usage)),
    api.onState((state) => {
      if (state === 'open') void load();
    }),
  ];
  if (api.state === 'open') void load();
  return () => offs.forEach((off) => off());
}
