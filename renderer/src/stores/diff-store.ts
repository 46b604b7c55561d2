import { create } from 'zustand';
import type { DiffFile, DiffSummary, FilePatch, SessionDiff } from '../../../shared/git.js';
import { api } from '../api/api-instance.js';
import { errorCode, errorMessage } from '../api/errors.js';

export type PatchEntry =
  | { state: 'loading'; previous: FilePatch | null }
  | { state: 'ready'; patch: FilePatch; stale: boolean }
  | { state: 'error'; error: string };

/** What the viewer holds for one session it has opened. */
export interface SessionDiffView {
  diff: SessionDiff | null;
  error: string | null;
  /** The host's code for `error` when a load failed (WORKTREE_MISSING: nothing to show, not a fault). */
  errorCode?: string | null;
  loading: boolean;
  selected: string | null;
  /** Files the user marked as reviewed; a mark goes when the file's change does. */
  viewed: Record<string, true>;
  patches: Record<string, PatchEntry>;
}

export type DiffEvent = { id: string; stats: DiffSummary | null; error: string | null };

interface DiffState {
  /** Totals per session for the cards, from events and loads. */
  stats: Record<string, DiffSummary>;
  views: Record<string, SessionDiffView>;
  /** Fetches the file list (again); a call while one is in flight runs once more after it. */
  load(id: string): Promise<void>;
  setDiff(id: string, diff: SessionDiff): void;
  applyEvent(event: DiffEvent): void;
  loadFile(id: string, path: string): Promise<void>;
  select(id: string, path: string | null): void;
  /** Moves the selection `step` files down (or up), staying within the list. */
  move(id: string, step: number): void;
  toggleViewed(id: string, path: string): void;
  forget(id: string): void;
}

const EMPTY_VIEW: SessionDiffView = {
  diff: null,
  error: null,
  loading: false,
  selected: null,
  viewed: {},
  patches: {},
};

const inFlight = new Map<string, Promise<void>>();
const again = new Set<string>();

const sameChange = (a: DiffFile, b: DiffFile | undefined) =>
  !!b && a.status === b.status && a.additions === b.additions && a.deletions === b.deletions && a.size === b.size;

export const useDiffStore = create<DiffState>()((set, get) => {
  const patchView = (id: string, change: (view: SessionDiffView) => Partial<SessionDiffView>) =>
    set((state) => {
      const view = state.views[id] ?? EMPTY_VIEW;
      return { views: { ...state.views, [id]: { ...view, ...change(view) } } };
    });

  const fetchDiff = async (id: string): Promise<void> => {
    do {
      again.delete(id);
      try {
        get().setDiff(id, await api().invoke('session.diff', { id }));
      } catch (error) {
        patchView(id, () => ({ loading: false, error: errorMessage(error), errorCode: errorCode(error) ?? null }));
      }
    } while (again.has(id));
  };

  return {
    stats: {},
    views: {},

    load(id) {
      const running = inFlight.get(id);
      if (running) {
        again.add(id);
        return running;
      }
      patchView(id, () => ({ loading: true }));
      const run = fetchDiff(id).finally(() => inFlight.delete(id));
      inFlight.set(id, run);
      return run;
    },

    setDiff(id, diff) {
      const { id: _id, baseBranch: _b, head: _h, truncated: _t, files: _f, ...summary } = diff;
      set((state) => {
        const view = state.views[id] ?? EMPTY_VIEW;
        const before = new Map(view.diff?.files.map((f) => [f.path, f]));
        const changed = view.diff?.computedAt !== diff.computedAt;
        const viewed: Record<string, true> = {};
        for (const file of diff.files)
          if (view.viewed[file.path] && sameChange(file, before.get(file.path))) viewed[file.path] = true;
        // Patches of a new computation may be out of date: keep them on screen, marked for a reload.
        const patches: Record<string, PatchEntry> = {};
        for (const [path, entry] of Object.entries(view.patches))
          if (entry.state === 'ready' && diff.files.some((f) => f.path === path))
            patches[path] = changed ? { ...entry, stale: true } : entry;
        const stillThere = view.selected && diff.files.some((f) => f.path === view.selected);
        const selected = stillThere ? view.selected : (diff.files[0]?.path ?? null);
        return {
          stats: { ...state.stats, [id]: summary },
          views: { ...state.views, [id]: { diff, error: null, loading: false, selected, viewed, patches } },
        };
      });
    },

    applyEvent({ id, stats, error }) {
      set((state) => {
        const next: Partial<DiffState> = {};
        if (stats) next.stats = { ...state.stats, [id]: stats };
        const view = state.views[id];
        if (view && error) next.views = { ...state.views, [id]: { ...view, error } };
        return next;
      });
      const view = get().views[id];
      if (view && stats && stats.computedAt !== view.diff?.computedAt) void get().load(id);
    },

    async loadFile(id, path) {
      const entry = get().views[id]?.patches[path];
      if (entry?.state === 'loading') return;
      const previous = entry?.state === 'ready' ? entry.patch : null;
      const put = (next: PatchEntry) => patchView(id, (view) => ({ patches: { ...view.patches, [path]: next } }));
      put({ state: 'loading', previous });
      try {
        put({ state: 'ready', patch: await api().invoke('session.diffFile', { id, path }), stale: false });
      } catch (error) {
        put({ state: 'error', error: errorMessage(error) });
      }
    },

    select: (id, path) => patchView(id, () => ({ selected: path })),

    move(id, step) {
      const view = get().views[id];
      const files = view?.diff?.files ?? [];
      if (files.length === 0) return;
      const at = files.findIndex((f) => f.path === view?.selected);
      const next = files[Math.max(0, Math.min(files.length - 1, at < 0 ? 0 : at + step))];
      if (next) get().select(id, next.path);
    },

    toggleViewed: (id, path) =>
      patchView(id, (view) => {
        const viewed = { ...view.viewed };
        if (viewed[path]) delete viewed[path];
        else viewed[path] = true;
        return { viewed };
      }),

    forget: (id) =>
      set((state) => {
        const { [id]: _view, ...views } = state.views;
        const { [id]: _stats, ...stats } = state.stats;
        return { views, stats };
      }),
  };
});
