import { create } from 'zustand';

/** The text previews of the cards, kept apart from sessions so a new preview re-renders one card only. */
interface PreviewState {
  texts: Record<string, string>;
  setMany(previews: readonly { id: string; text: string }[]): void;
}

export const usePreviewStore = create<PreviewState>()((set) => ({
  texts: {},
  setMany: (previews) =>
    set((state) => {
      const changed = previews.filter((p) => state.texts[p.id] !== p.text);
      if (changed.length === 0) return state;
      const texts = { ...state.texts };
      for (const p of changed) texts[p.id] = p.text;
      return { texts };
    }),
}));
