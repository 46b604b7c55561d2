import { useEffect, useState } from 'react';
import { api } from '../api/api-instance.js';
import { useConnectionState } from './use-connection-state.js';

/**
 * With no recent repositories (first run), the repository the host runs in, when it is one: `flotilla
 * serve` started in a checkout offers that checkout, so "Try the demo agent" needs no typing. Null otherwise.
 */
export function useFirstRunRepo(firstRun: boolean): string | null {
  const [root, setRoot] = useState<string | null>(null);
  // Asked once connected (a call before that is refused), and again after a reconnection.
  const open = useConnectionState() === 'open';
  useEffect(() => {
    if (!firstRun || !open) return;
    let current = true;
    void (async () => {
      try {
        const { workingDir } = await api().invoke('host.info', {});
        const info = await api().invoke('repo.inspect', { repoPath: workingDir });
        if (current) setRoot(info.root);
      } catch {
        // Not a git repository (or an older host): the field stays empty, its placeholder says what to type.
      }
    })();
    return () => {
      current = false;
    };
  }, [firstRun, open]);
  return root;
}
