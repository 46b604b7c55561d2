import { relativeTime, useNow } from '../hooks/use-clock.js';

/** "2 min ago", refreshed by the shared clock; only this span re-renders. */
export function RelativeTime({ iso }: { iso: string }) {
  const now = useNow();
  return (
    <time dateTime={iso} title={new Date(iso).toLocaleString()}>
      {relativeTime(iso, now)}
    </time>
  );
}
