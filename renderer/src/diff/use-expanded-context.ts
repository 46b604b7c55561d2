import { useCallback, useMemo, useState } from 'react';
import { MAX_FILE_LINES } from '../../../shared/git.js';
import { api } from '../api/api-instance.js';
import { errorMessage } from '../api/errors.js';
import { useUiStore } from '../stores/ui-store.js';
import { contextGaps, revealedRange, withContext, type ContextGap, type DisplayLine } from './context-gaps.js';
import type { PatchLine } from './parse-patch.js';

/** Lines one "Show more" click reveals. */
export const EXPAND_STEP = 20;

interface Fetched {
  lines: Map<number, string>;
  total: number | null;
  revealed: Record<string, number>;
}

/**
 * Expandable context for one file's patch: the lines the patch leaves out, fetched from the worktree file
 * with `session.fileLines` when the user asks. Fetching lines (rather than asking git for a patch with
 * more context) keeps the hunks exactly as git cut them, so "Revert hunk" always names a hunk the host
 * can find again.
 */
export function useExpandedContext(sessionId: string | null, path: string, lines: readonly PatchLine[]) {
  const [state, setState] = useState<Fetched>({ lines: new Map(), total: null, revealed: {} });
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
        setState((s) => {
          const next = new Map(s.lines);
          got?.lines.forEach((text, i) => next.set(got.start + i, text));
          return { lines: next, total: got?.totalLines ?? s.total, revealed: { ...s.revealed, [gap.key]: target } };
        });
      } catch (error) {
        useUiStore.getState().notify(`Could not load more lines: ${errorMessage(error)}`);
      }
    },
    [sessionId, path, state],
  );

  return { display, expand };
}
