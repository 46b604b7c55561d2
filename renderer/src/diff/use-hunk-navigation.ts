import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { splitHunks } from '../../../shared/patch-hunks.js';
import { useDiffStore } from '../stores/diff-store.js';

const STEP: Record<string, 1 | -1> = { n: 1, ']': 1, p: -1, '[': -1 };

/**
 * n / ] and p / [ move between hunks; past the last hunk of a file they go on to the next file's first
 * hunk (or the previous file's last). Returns the current hunk of the selected file and the key handler
 * for the diff body (it claims the keys, so the dashboard's own `n` does not open a new session).
 */
export function useHunkNavigation(id: string) {
  const view = useDiffStore((s) => s.views[id]);
  const selected = view?.selected ?? null;
  const entry = selected ? view?.patches[selected] : undefined;
  const patch = entry?.state === 'ready' ? (entry.patch.kind === 'text' ? entry.patch.patch : '') : null;
  const count = useMemo(() => (patch === null ? null : splitHunks(patch).length), [patch]);
  const [cursor, setCursor] = useState<{ path: string | null; index: number }>({ path: null, index: 0 });
  const pending = useRef<{ path: string; where: 'first' | 'last' } | null>(null);
  const current = cursor.path !== null && cursor.path === selected ? cursor.index : null;

  // A file reached by stepping past the ends: land on its first (or last) hunk once its patch is in.
  useEffect(() => {
    const landing = pending.current;
    if (!landing || landing.path !== selected || count === null) return;
    pending.current = null;
    if (count > 0) setCursor({ path: landing.path, index: landing.where === 'first' ? 0 : count - 1 });
  }, [selected, count]);

  const step = (dir: 1 | -1) => {
    const next = current === null ? (dir > 0 ? 0 : (count ?? 0) - 1) : current + dir;
    if (count && next >= 0 && next < count) {
      setCursor({ path: selected, index: next });
      return;
    }
    const files = view?.diff?.files ?? [];
    const target = files[files.findIndex((f) => f.path === selected) + dir];
    if (!target) return;
    pending.current = { path: target.path, where: dir > 0 ? 'first' : 'last' };
    useDiffStore.getState().select(id, target.path);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const dir = STEP[event.key];
    if (!dir) return;
    event.preventDefault();
    step(dir);
  };

  return { currentHunk: current, onKeyDown };
}
