import { useEffect } from 'react';
import { sessionActions } from '../api/session-actions.js';
import { useSelectionStore } from '../stores/selection-store.js';
import { useSessionsStore } from '../stores/sessions-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { useViewStore } from '../stores/view-store.js';

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || !!el.closest('.xterm');
}

function moveCursor(step: number): void {
  const { order } = useViewStore.getState();
  const ui = useUiStore.getState();
  if (order.length === 0) return;
  const at = ui.cursorId ? order.indexOf(ui.cursorId) : -1;
  const next = order[Math.max(0, Math.min(order.length - 1, at < 0 ? 0 : at + step))];
  if (!next) return;
  if (ui.focusedId) ui.focus(next);
  else ui.setCursor(next);
  document.querySelector(`[data-session-id="${next}"]`)?.scrollIntoView({ block: 'nearest' });
}

/** The dashboard's keyboard: see shortcut-list.ts for the user-facing list. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || typingIn(event.target)) return;
      const ui = useUiStore.getState();
      if (ui.dialog || ui.settingsOpen || ui.confirm || ui.helpOpen) return;
      const cursor = ui.cursorId ? useSessionsStore.getState().byId[ui.cursorId] : undefined;
      const plain = !event.ctrlKey && !event.metaKey && !event.altKey;
      const handled = (() => {
        if ((event.ctrlKey || event.metaKey) && event.key === 'a') {
          useSelectionStore.getState().setMany(useViewStore.getState().order);
          return true;
        }
        if (!plain) return false;
        switch (event.key) {
          case 'n':
            ui.openDialog();
            return true;
          case 'j':
          case 'ArrowRight':
            moveCursor(1);
            return true;
          case 'k':
          case 'ArrowLeft':
            moveCursor(-1);
            return true;
          case 'Enter':
            if (cursor) ui.focus(cursor.id);
            return !!cursor;
          case 'Escape':
            if (ui.focusedId) ui.focus(null);
            else if (ui.archiveOpen) ui.setArchiveOpen(false);
            else useSelectionStore.getState().clear();
            return true;
          case 'h':
            // The Archived view (finished sessions' history), from anywhere; again goes back to the grid.
            if (ui.focusedId) ui.focus(null);
            ui.setArchiveOpen(ui.focusedId ? true : !ui.archiveOpen);
            return true;
          case 'a':
            if (cursor?.status === 'waiting') void sessionActions.approve(cursor.id);
            return true;
          case 'd':
            if (cursor?.status === 'waiting') void sessionActions.deny(cursor.id);
            return true;
          case 'x':
            if (cursor) useSelectionStore.getState().toggle(cursor.id);
            return true;
          case '/':
            document.getElementById('session-search')?.focus();
            return true;
          case ',':
            ui.setSettingsOpen(true);
            return true;
          case '?':
            ui.setHelpOpen(true);
            return true;
          default:
            return false;
        }
      })();
      if (handled) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
