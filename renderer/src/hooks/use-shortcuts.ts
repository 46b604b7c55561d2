import { useEffect } from 'react';
import { api } from '../api/api-instance.js';
import { useImportStore } from '../components/import/import-store.js';
import { sessionActions } from '../api/session-actions.js';
import { useSelectionStore } from '../stores/selection-store.js';
import { useSessionsStore } from '../stores/sessions-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { useViewStore } from '../stores/view-store.js';

/** Inputs that take the letters themselves; a focused checkbox (a card's "Select …") leaves them to the shortcuts. */
const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file']);

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  if (el.tagName === 'INPUT') return !NON_TEXT_INPUTS.has((el as HTMLInputElement).type);
  return el.isContentEditable || ['TEXTAREA', 'SELECT'].includes(el.tagName) || !!el.closest('.xterm');
}

/** Enter on a focused button or link is that control's own (it clicks it), not "open the current card". */
function onControl(target: EventTarget | null): boolean {
  return !!(target as HTMLElement | null)?.closest?.('button, a[href], summary, [role="button"]');
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
      if (ui.dialog || ui.settingsOpen || ui.confirm || ui.helpOpen || useImportStore.getState().open) return;
      const cursor = ui.cursorId ? useSessionsStore.getState().byId[ui.cursorId] : undefined;
      const plain = !event.ctrlKey && !event.metaKey && !event.altKey;
      // Cut off from the host the page is read-only (app.tsx): keys that would ask it do nothing.
      if (plain && api().state !== 'open' && ['n', 'a', 'd'].includes(event.key)) return;
      const handled = (() => {
        // Ctrl+] leaves the focused view from anywhere in it; inside the terminal, terminal-pane.tsx catches it.
        if (event.ctrlKey && event.key === ']' && ui.focusedId) {
          ui.focus(null);
          return true;
        }
        if ((event.ctrlKey || event.metaKey) && event.key === 'a' && !ui.focusedId && !ui.archiveOpen) {
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
            if (!cursor || ui.focusedId || onControl(event.target)) return false;
            ui.focus(cursor.id);
            return true;
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
