import '../../styles/team.css';
import type { Session } from '../../../../shared/session.js';
import { useFoldStore } from '../../stores/fold-store.js';
import { useSessionsStore } from '../../stores/sessions-store.js';
import { useUiStore } from '../../stores/ui-store.js';

function childCount(byId: Record<string, Session>, id: string): number {
  let count = 0;
  for (const key in byId) {
    const session = byId[key];
    if (session?.parentId === id && !session.archivedAt) count++;
  }
  return count;
}

/** On a child's card: "↳ em-main", the session that spawned it; a click moves the card cursor there. */
export function ParentLink({ parentId }: { parentId: string }) {
  const parent = useSessionsStore((s) => s.byId[parentId]);
  const name = parent?.name ?? parentId.slice(0, 8);
  return (
    <button
      type="button"
      className="team-parent"
      title={parent ? `Spawned by ${name}` : `Spawned by ${name} (no longer listed)`}
      disabled={!parent}
      onClick={() => useUiStore.getState().setCursor(parentId)}
    >
      ↳ {name}
    </button>
  );
}

/** On a parent's card: how many workers it has, and a toggle that folds them out of the grid (remembered). */
export function FoldToggle({ id, name }: { id: string; name: string }) {
  const count = useSessionsStore((s) => childCount(s.byId, id));
  const folded = useFoldStore((s) => s.folded[id] === true);
  if (count === 0) return null;
  const workers = `${count} worker${count === 1 ? '' : 's'}`;
  return (
    <button
      type="button"
      className="team-fold"
      aria-expanded={!folded}
      aria-label={`${folded ? 'Show' : 'Hide'} the workers of ${name}`}
      title={folded ? `Show its ${workers} in the grid` : `Fold its ${workers} out of the grid`}
      onClick={() => useFoldStore.getState().toggle(id)}
    >
      {folded ? '▸' : '▾'} {workers}
    </button>
  );
}
