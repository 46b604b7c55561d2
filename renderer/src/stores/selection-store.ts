import { create } from 'zustand';

interface SelectionState {
  selected: Record<string, true>;
  /** The last card clicked without shift: the other end of a shift-click range. */
  anchor: string | null;
  toggle(id: string): void;
  only(id: string): void;
  /** Selects from the anchor to `id` in the order the grid shows (`visible`). */
  extendTo(id: string, visible: readonly string[]): void;
  setMany(ids: readonly string[]): void;
  drop(id: string): void;
  clear(): void;
}

export const useSelectionStore = create<SelectionState>()((set) => ({
  selected: {},
  anchor: null,
  toggle: (id) =>
    set((state) => {
      const selected = { ...state.selected };
      if (selected[id]) delete selected[id];
      else selected[id] = true;
      return { selected, anchor: id };
    }),
  only: (id) => set({ selected: { [id]: true }, anchor: id }),
  extendTo: (id, visible) =>
    set((state) => {
      const from = state.anchor ? visible.indexOf(state.anchor) : -1;
      const to = visible.indexOf(id);
      if (from < 0 || to < 0) return { selected: { ...state.selected, [id]: true }, anchor: id };
      const [lo, hi] = from < to ? [from, to] : [to, from];
      const selected = { ...state.selected };
      for (const each of visible.slice(lo, hi + 1)) selected[each] = true;
      return { selected };
    }),
  setMany: (ids) => set({ selected: Object.fromEntries(ids.map((id) => [id, true as const])), anchor: ids[0] ?? null }),
  drop: (id) =>
    set((state) => {
      if (!state.selected[id]) return state;
      const { [id]: _dropped, ...selected } = state.selected;
      return { selected, anchor: state.anchor === id ? null : state.anchor };
    }),
  clear: () => set({ selected: {}, anchor: null }),
}));

export function selectedIds(): string[] {
  return Object.keys(useSelectionStore.getState().selected);
}

/**
 * `ids` in the order the grid shows them (ids it does not show go last). Where order matters, as for the
 * two sides of Compare, never rely on the selection's key order: ids made of digits only sort first.
 */
export function inGridOrder(ids: readonly string[], order: readonly string[]): string[] {
  const at = (id: string) => {
    const index = order.indexOf(id);
    return index < 0 ? Number.MAX_SAFE_INTEGER : index;
  };
  return [...ids].sort((a, b) => at(a) - at(b));
}
