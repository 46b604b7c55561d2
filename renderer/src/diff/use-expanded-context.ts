import { useCallback, useEffect, useMemo, useState } from 'react';
import { MAX_FILE_LINES } from '../../../shared/git.js';
import { api } from '../api/api-instance.js';
import { errorMessage } from '../api/errors.js';
import { useUiStore } from '../stores/ui-store.js';
import { contextGaps, revealedRange, withContext, type ContextGap, type DisplayLine } from './context-gaps.js';
import type { PatchLine } from './parse-patch.js';

/** Lines one "Show more" click reveals. */
export const EXPAND_STEP = 20;

interface Fetched {
  /** The patch these lines go with: a new patch (the file changed) starts over. */
  patch: string;
  lines: Map<number, string>;
  total: number | null;
  revealed: Record<string, number>;
}

/** Expansions of recently viewed files, so going back to a file (j/k, n/p) finds it as it was left. */
const remembered = new Map<string, Fetched>();
const REMEMBERED_FILES = 50;

function remember(key: string, state: Fetched): void {
  remembered.delete(key);
  remembered.set(key, state);
  if (remembered.size > REMEMBERED_FILES) remembered.delete(remembered.keys().next().value as string);
}

/**
 * Expandable context for one file's patch: the lines the patch leaves out, fetched from the worktree file
 * with `session.fileLines` when the user asks. Fetching lines (rather than asking git for a patch with
 * more context) keeps the hunks exactly as git cut them, so "Revert hunk" always names a hunk the host
 * can find again.
 */
export function useExpandedContext(sessionId: string | null, path: string, patch: string, lines: readonly PatchLine[]) {
  const key = `${sessionId ?? ''}\n${path}`;
  const initial = useCallback((): Fetched => {
    const kept = remembered.get(key);
    return kept?.patch === patch ? kept : { patch, lines: new Map(), total: null, revealed: {} };
  }, [key, patch]);
  const [stored, setState] = useState<Fetched>(initial);
  const state = stored.patch === patch ? stored : initial();
  useEffect(() => {
    if (state.lines.size > 0) remember(key, state);
  }, [key, state]);
  const gaps = useMemo(() => (sessionId ? contextGaps(lines, state.total) : []), [sessionId, lines, state.total]);
  const display: DisplayLine[] = useMemo(() => withContext(lines, gaps, state, state.revealed), [lines, gaps, state]);

  const expand = useCallback(
    async (gap: ContextGap, count: number) => {
      const target = (state.revealed[gap.key] ?? 0) + count;
      const range = revealedRange(gap, Number.isFinite(target) ? target : MAX_FILE_LINES);
      if (!range || !sessionId) return;
      let start = range.from;
      while (start <= range.to && state.lines.has(start)) start++;
      let end = range.to;
      while (end >= start && state.lines.has(end)) end--;
      try {
        const got =
          start <= end
            ? await api().invoke('session.fileLines', {
                id: sessionId,
                path,
                start,
                end: Math.min(end, start + MAX_FILE_LINES - 1),
              })
            : null;
        setState((previous) => {
          const s = previous.patch === patch ? previous : state;
          const next = new Map(s.lines);
          got?.lines.forEach((text, i) => next.set(got.start + i, text));
          return {
            patch,
            lines: next,
            total: got?.totalLines ?? s.total,
            revealed: { ...s.revealed, [gap.key]: target },
          };
        });
      } catch (error) {
        useUiStore.getState().notify(`Could not load more lines: ${errorMessage(error)}`);
      }
    },
    [sessionId, path, patch, state],
  );

  return { display, expand };
}
