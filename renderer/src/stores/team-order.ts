import type { Session } from '../../../shared/session.js';

/**
 * Puts each child session right after its parent (depth first, children in the order given), and leaves out
 * the descendants of a folded parent. `sorted` is already filtered and sorted; a child whose parent is not in
 * it (filtered out, archived, removed) stands on its own where the sort put it.
 */
export function withTeams(sorted: readonly Session[], folded: Readonly<Record<string, true>> = {}): string[] {
  const shown = new Set(sorted.map((s) => s.id));
  const children = new Map<string, string[]>();
  const roots: string[] = [];
  for (const session of sorted) {
    const parent = session.parentId;
    if (parent && parent !== session.id && shown.has(parent)) {
      const list = children.get(parent);
      if (list) list.push(session.id);
      else children.set(parent, [session.id]);
    } else roots.push(session.id);
  }
  const order: string[] = [];
  const seen = new Set<string>();
  const walk = (id: string, hidden: boolean) => {
    if (seen.has(id)) return;
    seen.add(id);
    if (!hidden) order.push(id);
    const hideBelow = hidden || folded[id] === true;
    for (const child of children.get(id) ?? []) walk(child, hideBelow);
  };
  for (const id of roots) walk(id, false);
  // Sessions in a parent cycle have no root to reach them from (bad data, but never hide a session for it).
  for (const session of sorted) if (!seen.has(session.id)) walk(session.id, false);
  return order;
}
