import { useEffect, useState } from 'react';
import { api } from '../api/api-instance.js';
import { useConnectionState } from './use-connection-state.js';

/** What a first run offers as the repository: the one the host runs in, or to make a sample one. */
export type FirstRunOffer = { kind: 'repo'; path: string } | { kind: 'sample' };

/**
 * With no recent repositories (first run): `flotilla serve` started in a checkout offers that checkout, so
 * "Try the demo agent" needs no typing. Started elsewhere, or in Flotilla's own checkout (whose worktrees a
 * demo must not make), it offers a sample repository instead. Null until known, and after the first run.
 */
export function useFirstRunRepo(firstRun: boolean): FirstRunOffer | null {
  const [offer, setOffer] = useState<FirstRunOffer | null>(null);
  // Asked once connected (a call before that is refused), and again after a reconnection.
  const open = useConnectionState() === 'open';
  useEffect(() => {
    if (!firstRun || !open) return;
    let current = true;
    void api()
      .invoke('host.info', {})
      .then(
        ({ firstRunRepo }) =>
          current && setOffer(firstRunRepo ? { kind: 'repo', path: firstRunRepo } : { kind: 'sample' }),
        () => {
          // The next reconnection asks again; meanwhile the field's placeholder says what to type.
        },
      );
    return () => {
      current = false;
    };
  }, [firstRun, open]);
  return firstRun ? offer : null;
}
