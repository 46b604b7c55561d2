import { memo, useEffect, useRef } from 'react';
import { usePreviewStore } from '../stores/preview-store.js';
import { usePreviewPoller } from '../hooks/use-preview-poller.js';
import { previewLines } from '../format/preview-lines.js';

/**
 * The last lines of the session's screen as text, fetched only while the card is on screen. `question`: the
 * question the card shows in its own box, left out of the preview.
 */
export const CardPreview = memo(function CardPreview({ id, question }: { id: string; question?: string | null }) {
  const text = usePreviewStore((s) => s.texts[id]);
  const ref = useRef<HTMLPreElement>(null);
  const poller = usePreviewPoller();
  useEffect(() => {
    const element = ref.current;
    if (!element || !poller) return;
    const observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) poller.show(id);
        else poller.hide(id);
      }
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      poller.hide(id);
    };
  }, [id, poller]);
  return (
    <pre ref={ref} className="preview" aria-label="Terminal preview" data-testid="card-preview">
      {text === undefined ? '' : previewLines(text, question)}
    </pre>
  );
});
