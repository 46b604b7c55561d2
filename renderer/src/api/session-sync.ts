import { useAttentionStore } from '../stores/attention-store.js';
import { useSelectionStore } from '../stores/selection-store.js';
import { useSessionsStore } from '../stores/sessions-store.js';
import { useSettingsStore } from '../stores/settings-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { errorMessage } from './errors.js';
import type { FlotillaApi } from './flotilla-api.js';

/**
 * Keeps the stores in step with the host: every session event updates its one session, and every
 * (re)connection fetches the whole state again, since events may have been missed while away.
 */
export function syncStores(api: FlotillaApi): () => void {
  const sessions = useSessionsStore.getState();
  const upsert = ({ session }: { session: Parameters<typeof sessions.upsert>[0] }) => {
    if (session.status !== 'waiting') useAttentionStore.getState().clear(session.id);
    sessions.upsert(session);
  };
  const offs = [
    api.on('session.created', upsert),
    api.on('session.status', upsert),
    api.on('session.updated', upsert),
    api.on('session.paused', upsert),
    api.on('session.resumed', upsert),
    api.on('session.removed', ({ id }) => {
      sessions.remove(id);
      useSelectionStore.getState().drop(id);
      if (useUiStore.getState().focusedId === id) useUiStore.getState().focus(null);
    }),
    api.on('session.attention', ({ id, reason }) => useAttentionStore.getState().note(id, reason)),
    api.on('settings.changed', (settings) => useSettingsStore.getState().setSettings(settings)),
    api.onState((state) => {
      if (state === 'open') void refresh(api);
    }),
  ];
  if (api.state === 'open') void refresh(api);
  return () => offs.forEach((off) => off());
}

export async function refresh(api: FlotillaApi): Promise<void> {
  try {
    const [list, settings, providers, recent, host] = await Promise.all([
      api.invoke('session.list', {}),
      api.invoke('settings.get', {}),
      api.invoke('providers.list', {}),
      api.invoke('repo.recent', {}),
      api.invoke('host.info', {}),
    ]);
    useSessionsStore.getState().replaceAll(list.sessions);
    const store = useSettingsStore.getState();
    store.setSettings(settings);
    store.setProviders(providers.providers);
    store.setRecentRepos(recent.repos);
    store.setNativeDialogs(host.nativeDialogs);
    useSettingsStore.setState({ openTools: host.openTools });
    const known = new Set(list.sessions.map((s) => s.id));
    for (const id of Object.keys(useSelectionStore.getState().selected))
      if (!known.has(id)) useSelectionStore.getState().drop(id);
  } catch (error) {
    useUiStore.getState().notify(`Could not load sessions: ${errorMessage(error)}`);
  }
}
