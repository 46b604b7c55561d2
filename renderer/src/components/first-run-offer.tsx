import { useState } from 'react';
import { api } from '../api/api-instance.js';
import { errorMessage } from '../api/errors.js';
import type { FirstRunOffer } from '../hooks/use-first-run-repo.js';

/**
 * Under an empty repository field on a first run: the repository the host runs in ("Use …"), or a button
 * that makes a small sample repository in the data directory to try agents on.
 */
export function FirstRunOfferHint(props: {
  offer: FirstRunOffer;
  onPick(repoPath: string): void;
  onError(message: string): void;
}) {
  const [making, setMaking] = useState(false);
  const { offer, onPick, onError } = props;
  if (offer.kind === 'repo')
    return (
      <button type="button" className="link" onClick={() => onPick(offer.path)}>
        Use {offer.path}
      </button>
    );
  const make = async () => {
    setMaking(true);
    try {
      onPick((await api().invoke('repo.createSample', {})).path);
    } catch (error) {
      onError(`Could not create the sample repository: ${errorMessage(error)}`);
    } finally {
      setMaking(false);
    }
  };
  return (
    <>
      No repository yet?{' '}
      <button type="button" className="link" disabled={making} onClick={() => void make()}>
        {making ? 'Creating the sample repository…' : 'Create a sample repository'}
      </button>{' '}
      (a few files in Flotilla&apos;s data folder, for agents to try)
    </>
  );
}
