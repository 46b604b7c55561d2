import '../../styles/merge-queue.css';
import { useMemo } from 'react';
import type { MergeQueue, MergeQueueItem } from '../../../../shared/merge-queue.js';
import { useMergeQueueStore, visibleQueues } from '../../stores/merge-queue-store.js';
import { useSessionsStore } from '../../stores/sessions-store.js';

const LABELS: Record<MergeQueueItem['state'], string> = {
  pending: 'waiting',
  rebasing: 'rebasing…',
  validating: 'validating…',
  merging: 'merging…',
  merged: 'merged',
  failed: 'failed',
  skipped: 'skipped',
};

function QueueItem({ item }: { item: MergeQueueItem }) {
  const name = useSessionsStore((s) => s.byId[item.sessionId]?.name ?? item.sessionId.slice(0, 8));
  return (
    <li className={`mq-item mq-${item.state}`} data-session={item.sessionId}>
      <span className="mq-name">{name}</span>
      <span className="mq-state">{LABELS[item.state]}</span>
      {item.commit ? <code className="mq-commit">{item.commit.slice(0, 8)}</code> : null}
      {item.reason && item.state === 'failed' ? <span className="mq-reason">{item.reason}</span> : null}
    </li>
  );
}

function summary(queue: MergeQueue): string {
  const merged = queue.items.filter((i) => i.state === 'merged').length;
  if (queue.state === 'running') return `Merging ${queue.items.length} sessions in order: ${merged} merged`;
  if (queue.state === 'done') return `Merged ${merged} sessions in order`;
  return `Merge queue stopped: ${merged} of ${queue.items.length} merged`;
}

/** Each merge queue's progress, one line per session, and why it stopped; put away once read. */
export function MergeQueuePanel() {
  const byRepo = useMergeQueueStore((s) => s.byRepo);
  const dismissed = useMergeQueueStore((s) => s.dismissed);
  // Derived here, not in the selector: a new array from a selector on every read would re-render forever.
  const queues = useMemo(() => visibleQueues({ byRepo, dismissed }), [byRepo, dismissed]);
  const dismiss = useMergeQueueStore((s) => s.dismiss);
  if (queues.length === 0) return null;
  return (
    <div className="mq-panels">
      {queues.map((queue) => (
        <section key={queue.id} className={`mq-panel mq-queue-${queue.state}`} role="status" aria-label="Merge queue">
          <header className="mq-header">
            {queue.state === 'running' ? <span className="batch-spinner" aria-hidden="true" /> : null}
            <strong>{summary(queue)}</strong>
            {queue.state !== 'running' ? (
              <button type="button" className="link" onClick={() => dismiss(queue.id)}>
                Dismiss
              </button>
            ) : null}
          </header>
          <ol className="mq-items">
            {queue.items.map((item) => (
              <QueueItem key={item.sessionId} item={item} />
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
