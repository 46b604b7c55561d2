import type { Session, SessionEvent } from '../../shared/session.js';
import { usageSummary } from '../../shared/usage-format.js';

function age(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86400)}d`;
}

function truncate(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

export function formatTable(rows: string[][]): string {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((row) => row[col]?.length ?? 0))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, col) => cell.padEnd(widths[col] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** The status as users read it: a `creating` session waiting for a slot says so. */
function statusOf(session: Session): string {
  return session.queuedAt ? 'queued' : session.status;
}

export function formatSessions(sessions: Session[]): string {
  if (sessions.length === 0) return 'no sessions';
  // The PARENT column only appears once some session was spawned by another (`flotilla spawn`).
  const parents = sessions.some((s) => s.parentId);
  const rows = [['ID', 'NAME', 'PROVIDER', 'STATUS', 'BRANCH', 'ACTIVE', ...(parents ? ['PARENT'] : [])]];
  for (const s of sessions) {
    const parent = parents ? [s.parentId ?? '-'] : [];
    rows.push([s.id, truncate(s.name, 32), s.provider, statusOf(s), s.branch, age(s.lastActivityAt), ...parent]);
  }
  return formatTable(rows);
}

/** A multi-line message (git's whole error) kept under its label: every line after the first indented by `by`. */
function indented(text: string, by: string): string {
  return text.replace(/\n/g, `\n${by}`);
}

export function formatSession(session: Session, events: SessionEvent[]): string {
  const lines = [
    `${session.name} (${session.id})`,
    `  status:    ${statusOf(session)}${session.error ? ` — ${indented(session.error, ' '.repeat(13))}` : ''}${session.queuedAt ? ' (waits for the max-concurrent-agents limit)' : ''}`,
    `  provider:  ${session.provider}${session.conversationId ? ` (conversation ${session.conversationId})` : ''}`,
    `  repo:      ${session.repoPath} (base ${session.baseBranch})`,
    `  branch:    ${session.branch}`,
    `  worktree:  ${session.worktreePath}${session.sharesWorktreeOf ? ` (shared: in the worktree of ${session.sharesWorktreeOf})` : ''}`,
    ...(session.parentId ? [`  parent:    ${session.parentId}`] : []),
    `  pid:       ${session.pid ?? '-'}`,
    `  auto-yes:  ${session.autoYes ? 'on' : 'off'}`,
    // Which source (hook, screen, process, user) set the status, and since when.
    ...(session.statusSource ? [`  source:    ${session.statusSource} since ${session.statusSince ?? '?'}`] : []),
    `  created:   ${session.createdAt}`,
  ];
  if (session.usage) lines.push(`  usage:     ${usageSummary(session.usage)}`);
  if (session.question) {
    lines.push(`  question:  ${session.question.text}`);
    // A sign-in screen is answered by signing in, not by `approve`: say how.
    const label = session.question.kind === 'sign-in' ? 'sign-in:' : 'to do:';
    if (session.question.hint) lines.push(`  ${label.padEnd(11)}${session.question.hint}`);
    session.question.options.forEach((option, i) => lines.push(`             ${i + 1}. ${option}`));
  }
  lines.push('  history:');
  for (const e of events) {
    const change = e.toStatus ? `${e.fromStatus ?? '∅'} → ${e.toStatus}` : e.kind;
    lines.push(`    ${e.at}  ${change}${e.detail ? `  ${indented(e.detail, ' '.repeat(6))}` : ''}`);
  }
  return lines.join('\n');
}
