import { useEffect, useState } from 'react';
import { api } from '../api/api-instance.js';

/** The plain-text screen a session left behind (fetched once per session; ended sessions do not change). */
export function useLastScreen(id: string | null): string | null {
  const [screen, setScreen] = useState<{ id: string; text: string } | null>(null);
  useEffect(() => {
    if (!id) return;
    let current = true;
    api()
      .invoke('session.screen', { id })
      .then(
        (snapshot) => current && setScreen({ id, text: snapshot.text }),
        () => current && setScreen({ id, text: '(the screen could not be read)' }),
      );
    return () => {
      current = false;
    };
  }, [id]);
  return screen && screen.id === id ? screen.text : null;
}
