import { create } from 'zustand';

/** Whether the Import view (conversations started outside Flotilla) is open. */
export const useImportStore = create<{ open: boolean; setOpen(open: boolean): void }>()((set) => ({
  open: false,
  setOpen: (open) => set({ open }),
}));
