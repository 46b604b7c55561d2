import { create } from 'zustand';

export interface ConfirmRequest {
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm(): void;
}

export interface Notice {
  id: number;
  text: string;
  kind: 'error' | 'info';
}

export interface DialogPreset {
  provider?: string;
  prompt?: string;
}

/** Which panels are open and where the user is: the focused session, the card cursor, dialogs. */
interface UiState {
  focusedId: string | null;
  /** The card keyboard shortcuts act on. */
  cursorId: string | null;
  dialog: DialogPreset | null;
  settingsOpen: boolean;
  /** The Archived view replaces the grid. */
  archiveOpen: boolean;
  helpOpen: boolean;
  confirm: ConfirmRequest | null;
  notices: Notice[];
  focus(id: string | null): void;
  setCursor(id: string | null): void;
  openDialog(preset?: DialogPreset): void;
  closeDialog(): void;
  setSettingsOpen(open: boolean): void;
  setArchiveOpen(open: boolean): void;
  setHelpOpen(open: boolean): void;
  askConfirm(request: ConfirmRequest | null): void;
  notify(text: string, kind?: Notice['kind']): void;
  dismiss(id: number): void;
}

let nextNotice = 1;

/**
 * How long a notice stays by itself: a short one goes after a while, but an error of several lines
 * (git's whole message, folded) stays until dismissed, so it is not taken away while being read.
 */
export function noticeLifetimeMs(text: string, kind: Notice['kind']): number | null {
  if (kind === 'info') return 4000;
  return text.trim().includes('\n') ? null : 8000;
}

export const useUiStore = create<UiState>()((set) => ({
  focusedId: null,
  cursorId: null,
  dialog: null,
  settingsOpen: false,
  archiveOpen: false,
  helpOpen: false,
  confirm: null,
  notices: [],
  focus: (id) => set(id ? { focusedId: id, cursorId: id } : { focusedId: null }),
  setCursor: (cursorId) => set({ cursorId }),
  openDialog: (preset = {}) => set({ dialog: preset }),
  closeDialog: () => set({ dialog: null }),
  setSettingsOpen: (settingsOpen) => set({ settingsOpen }),
  setArchiveOpen: (archiveOpen) => set({ archiveOpen }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  askConfirm: (confirm) => set({ confirm }),
  notify: (text, kind = 'error') => {
    const id = nextNotice++;
    set((state) => ({ notices: [...state.notices.slice(-3), { id, text, kind }] }));
    const lifetime = noticeLifetimeMs(text, kind);
    if (lifetime !== null) setTimeout(() => useUiStore.getState().dismiss(id), lifetime);
  },
  dismiss: (id) => set((state) => ({ notices: state.notices.filter((n) => n.id !== id) })),
}));
