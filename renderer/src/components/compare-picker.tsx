import { useMemo } from 'react';
import type { Session } from '../../../shared/session.js';
import { useCompareStore } from '../stores/compare-store.js';
import { useSessionsStore } from '../stores/sessions-store.js';

/** "Compare with…" in the focused view: picks the other session; runs of the same prompt come first. */
export function ComparePicker({ session }: { session: Session }) {
  const byId = useSessionsStore((s) => s.byId);
  const { same, others } = useMemo(() => {
    const candidates = Object.values(byId).filter((s) => s.id !== session.id && s.archivedAt === null);
    candidates.sort((a, b) => a.name.localeCompare(b.name));
    return {
      same: candidates.filter((s) => s.prompt === session.prompt),
      others: candidates.filter((s) => s.prompt !== session.prompt),
    };
  }, [byId, session.id, session.prompt]);
  if (same.length + others.length === 0) return null;
  const option = (s: Session) => (
    <option key={s.id} value={s.id}>
      {s.name} ({s.provider})
    </option>
  );
  return (
    <select
      className="compare-picker"
      aria-label="Compare with…"
      value=""
      onChange={(event) => {
        if (event.target.value) useCompareStore.getState().open(session.id, event.target.value);
      }}
    >
      <option value="" disabled>
        Compare with…
      </option>
      {same.length > 0 ? <optgroup label="Same prompt">{same.map(option)}</optgroup> : null}
      {others.length > 0 ? <optgroup label="Other sessions">{others.map(option)}</optgroup> : null}
    </select>
  );
}
