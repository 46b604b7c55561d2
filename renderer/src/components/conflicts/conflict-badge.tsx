import '../../styles/conflicts.css';
import { useMemo } from 'react';
import { conflictsOf, describeConflicts, useConflictStore } from '../../stores/conflict-store.js';
import { useSessionsStore } from '../../stores/sessions-store.js';

/** The card's conflict forecast: "conflicts with <session> in 2 files" or "conflicts with main". */
export function ConflictBadge({ id }: { id: string }) {
  const byRepo = useConflictStore((s) => s.byRepo);
  const sessions = useSessionsStore((s) => s.byId);
  const conflicts = useMemo(() => conflictsOf(byRepo, id), [byRepo, id]);
  const described = describeConflicts(conflicts, (other) => sessions[other]?.name ?? other.slice(0, 8));
  if (!described) return null;
  return (
    <span
      className="conflict-badge"
      data-conflicts={conflicts.sessions.map((s) => s.id).join(' ')}
      data-conflicts-base={conflicts.base ? 'true' : 'false'}
      aria-label="Conflict forecast"
      title={described.title}
    >
      ⚠ {described.text}
    </span>
  );
}
