import { useEffect, useRef, type RefObject } from 'react';

/**
 * Counts a component's renders into `data-renders` on its element. Always on (one effect, no state), so
 * tests and devtools can see which cards an event re-rendered, in the production build as well.
 */
export function useRenderCount(ref: RefObject<HTMLElement | null>): void {
  const count = useRef(0);
  // No dependency list: it runs after every commit of the component, i.e. once per render that landed.
  useEffect(() => {
    count.current += 1;
    if (ref.current) ref.current.dataset.renders = String(count.current);
  });
}
