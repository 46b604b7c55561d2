import { memo, useEffect, useRef } from 'react';
import { usePreviewStore } from '../stores/preview-store.js';
import { usePreviewPoller } from '../hooks/use-preview-poller.js';

const PREVIEW_LINES = 8;

/** The last lines of the session's screen as text, fetched only while the card is on screen. */
export const CardPreview = memo(function CardPreview({ id }: { id: string }) {
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
      {text === undefined ? '' : lastLines(text)}
    </pre>
  );
});

function lastLines(text: string): string {
  const lines = text.split('\n');
  while (lines.length && !lines.at(-1)?.trim()) lines.pop();
  return lines.slice(-PREVIEW_LINES).join('\n');
}
