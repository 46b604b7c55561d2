import { useState } from 'react';
import type { Session } from '../../../shared/session.js';
import { sessionActions } from '../api/session-actions.js';
import { byteSize } from '../format/byte-size.js';
import { duration, useNow } from '../hooks/use-clock.js';
import { useDiskUsage } from '../hooks/use-disk-usage.js';
import { useSessionStats } from '../hooks/use-session-stats.js';
import { RelativeTime } from './relative-time.js';
import { SessionHistory } from './session-history.js';
import { MessagesTimeline } from './team/messages-timeline.js';
import { SessionLocks } from './team/session-locks.js';
import { TeamFacts } from './team/team-facts.js';
import { UsageFacts } from './usage-facts.js';
import { ValidationDetails } from './validation/validation-details.js';
import { PortFacts } from './worktree-costs/port-facts.js';

/** Everything known about one session: where it works, its process, and its history. */
export function SessionDetails({ session }: { session: Session }) {
  const live = session.pid !== null;
  const stats = useSessionStats(session.id, live);
  const now = useNow();
  return (
    <section className="details" aria-label="Session details">
      <RenameField session={session} />
      <dl className="facts">
        <dt>Agent</dt>
        <dd>{session.provider}</dd>
        <dt>Branch</dt>
        <dd className="mono">{session.branch}</dd>
        <dt>Base</dt>
        <dd className="mono">{session.baseBranch}</dd>
        <TeamFacts session={session} />
        <dt>Worktree</dt>
        <dd className="mono wrap">{session.worktreePath}</dd>
        <dt>Disk use</dt>
        <dd>
          <DiskUse id={session.id} />
        </dd>
        <PortFacts id={session.id} />
        <dt>Process</dt>
        <dd>
          {live ? `pid ${session.pid}` : 'not running'}
          {stats ? ` · ${stats.stats.processes} proc` : ''}
        </dd>
        <dt>CPU / memory</dt>
        <dd>
          {stats
            ? `${stats.cpuPercent === null ? '…' : `${stats.cpuPercent.toFixed(0)}%`} · ${byteSize(stats.stats.rssBytes)}`
            : '—'}
        </dd>
        <dt>Runtime</dt>
        <dd>{duration(now - Date.parse(session.createdAt))}</dd>
        <dt>Created</dt>
        <dd>
          <RelativeTime iso={session.createdAt} />
        </dd>
        <dt>Last activity</dt>
        <dd>
          <RelativeTime iso={session.lastActivityAt} />
        </dd>
        {session.conversationId ? (
          <>
            <dt>Conversation</dt>
            <dd className="mono wrap">{session.conversationId}</dd>
          </>
        ) : null}
        {session.exitCode !== null ? (
          <>
            <dt>Exit code</dt>
            <dd>{session.exitCode}</dd>
          </>
        ) : null}
        <UsageFacts id={session.id} />
      </dl>
      {session.error ? <p className="card-error">{session.error}</p> : null}
      <ValidationDetails session={session} />
      <SessionLocks id={session.id} />
      <MessagesTimeline id={session.id} />
      <SessionHistory id={session.id} status={session.status} />
    </section>
  );
}

/** The worktree's size (ignored files such as node_modules included), with a way to measure it again. */
function DiskUse({ id }: { id: string }) {
  const { usage, error, loading, refresh } = useDiskUsage(id);
  return (
    <span className="disk-use">
      {usage ? (
        <span title={`${usage.bytes.toLocaleString()} bytes on disk`}>
          {byteSize(usage.bytes)} · {usage.files.toLocaleString()} file{usage.files === 1 ? '' : 's'}
        </span>
      ) : error ? (
        <span className="muted" title={error}>
          unavailable
        </span>
      ) : (
        <span className="muted">measuring…</span>
      )}{' '}
      <button type="button" className="link" aria-label="Refresh disk use" disabled={loading} onClick={refresh}>
        {loading && usage ? 'measuring…' : 'Refresh'}
      </button>
    </span>
  );
}

function RenameField({ session }: { session: Session }) {
  const [name, setName] = useState(session.name);
  const [editing, setEditing] = useState(false);
  if (!editing)
    return (
      <div className="rename">
        <h2 className="details-name">{session.name}</h2>
        <button type="button" className="link" onClick={() => (setName(session.name), setEditing(true))}>
          Rename
        </button>
      </div>
    );
  return (
    <form
      className="rename"
      onSubmit={(event) => {
        event.preventDefault();
        if (name.trim() && name !== session.name) void sessionActions.rename(session.id, name.trim());
        setEditing(false);
      }}
    >
      <input
        aria-label="Session name"
        value={name}
        autoFocus
        maxLength={100}
        onChange={(event) => setName(event.target.value)}
      />
      <button type="submit" className="btn">
        Save
      </button>
    </form>
  );
}
