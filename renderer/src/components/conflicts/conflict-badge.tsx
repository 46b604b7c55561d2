import '../../styles/conflicts.css';
import { useMemo } from 'react';
import { conflictsOf, useConflictStore } from '../../stores/conflict-store.js';
import { useSessionsStore } from '../../stores/sessions-store.js';

const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;

/** The card's conflict forecast: "conflicts with <session> in 2 files" or "conflicts with main". */
export function ConflictBadge({ id }: { id: string }) {
  const byRepo = useConflictStore((s) => s.byRepo);
  const names = useSessionsStore((s) => s.byId);
  const conflicts = useMemo(() => conflictsOf(byRepo, id), [byRepo, id]);
  const { sessions, base } = conflicts;
  if (sessions.length === 0 && !base) return null;
  const nameOf = (other: string) => names[other]?.name ?? other.slice(0, 8);
  const parts: string[] = [];
  if (sessions.length === 1) parts.push(`${nameOf(sessions[0]!.id)} in ${files(sessions[0]!.files.length)}`);
  else if (sessions.length > 1) parts.push(`${sessions.length} sessions`);
  if (base) parts.push(base.branch);
  const title = [
    ...sessions.map((s) => `With ${nameOf(s.id)}: ${s.files.join(', ')}`),
    ...(base ? [`With ${base.branch}: ${base.files.join(', ')}`] : []),
  ].join('\n');
  return (
    <span
      className="conflict-badge"
      data-conflicts={sessions.map((s) => s.id).join(' ')}
      data-conflicts-base={base ? 'true' : 'false'}
      aria-label="Conflict forecast"
      title={title}
    >
      ⚠ conflicts with {parts.join(' and ')}
    </span>
  );
}
