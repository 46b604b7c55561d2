import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { DIFF_SHARE, usePrefsStore } from '../stores/prefs-store.js';

const KEY_STEP = 0.05;

/**
 * The drag handle above the focused view's diff pane: dragging (or ↑/↓ while focused) sets the pane's share of
 * the column it sits in, which the prefs store keeps for the next session and the next visit.
 */
export function PaneResizer() {
  const share = usePrefsStore((s) => s.diffShare);
  const column = useRef<DOMRect | null>(null);
  const setShare = (value: number) => usePrefsStore.getState().set({ diffShare: value });

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    // The column the pane sits in (the focused view's main column): its share is measured against it.
    const parent = event.currentTarget.parentElement;
    if (!parent) return;
    column.current = parent.getBoundingClientRect();
    event.currentTarget.setPointerCapture(event.pointerId);
    event.preventDefault();
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const rect = column.current;
    if (!rect || rect.height <= 0) return;
    setShare((rect.bottom - event.clientY) / rect.height);
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    column.current = null;
    event.currentTarget.releasePointerCapture(event.pointerId);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    event.preventDefault();
    setShare(share + (event.key === 'ArrowUp' ? KEY_STEP : -KEY_STEP));
  };

  return (
    <div
      className="pane-resizer"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize the changes pane"
      aria-valuemin={Math.round(DIFF_SHARE.min * 100)}
      aria-valuemax={Math.round(DIFF_SHARE.max * 100)}
      aria-valuenow={Math.round(share * 100)}
      tabIndex={0}
      title="Drag to resize (or ↑/↓)"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
