import { useFoldStore } from '../stores/fold-store.js';
import { useTeamStore } from '../stores/team-store.js';
import type { FlotillaApi } from './flotilla-api.js';

/**
 * Keeps the team store current: the locks held on every (re)connection and on each `lock.changed`; every
 * `message.changed` into the loaded message lists it concerns (its target's and its sender's).
 */
export function syncTeam(api: FlotillaApi): () => void {
  const loadLocks = async () => {
    try {
      useTeamStore.getState().setLocks((await api.invoke('lock.list', {})).locks);
    } catch {
      // A host without locks (older) or a dropped connection: the next connection asks again.
    }
  };
  const offs = [
    api.on('lock.changed', ({ locks }) => useTeamStore.getState().setLocks(locks)),
    api.on('message.changed', ({ message }) => useTeamStore.getState().noteMessage(message)),
    api.on('session.removed', ({ id }) => {
      useTeamStore.getState().forget(id);
      useFoldStore.getState().drop(id);
    }),
    api.onState((state) => {
      if (state === 'open') void loadLocks();
    }),
  ];
  if (api.state === 'open') void loadLocks();
  return () => offs.forEach((off) => off());
}
