import type { SessionActivity, TeamStatus } from '../../shared/coordination.js';
import type { Session } from '../../shared/session.js';
import { formatSessions } from './format.js';

/** Sessions as a table, or `none` in words a script's reader understands. */
export function formatTeam(sessions: Session[], none: string): string {
  return sessions.length === 0 ? none : formatSessions(sessions);
}

/** `flotilla what`: status, the question it waits on, the tool it runs, the last thing it said. */
export function formatActivity(activity: SessionActivity): string {
  const { session } = activity;
  const lines = [`${session.name} (${session.id}): ${session.status}`];
  if (activity.question) lines.push(`  question: ${activity.question}`);
  if (activity.currentTool) lines.push(`  tool:     ${activity.currentTool}`);
  lines.push(`  said:     ${activity.lastMessage ?? '-'}`);
  return lines.join('\n');
}

/** `flotilla status`: me, my children, the others on the repository, the locks, my queue. */
export function formatTeamStatus(status: TeamStatus): string {
  const { me } = status;
  const lines = [
    `me: ${me.name} (${me.id}) ${me.status} on ${me.branch}${me.parentId ? `, child of ${me.parentId}` : ''}`,
    '',
    'children:',
    indent(formatTeam(status.children, 'none')),
    '',
    'others on this repository:',
    indent(formatTeam(status.others, 'none')),
    '',
    'locks:',
    ...(status.locks.length === 0
      ? ['  none']
      : status.locks.map(
          (l) => `  ${l.scope} ${l.key} held by ${l.sessionName} (${l.sessionId}) since ${l.acquiredAt}: ${l.reason}`,
        )),
    '',
    'my queue:',
    ...(status.queue.length === 0
      ? ['  empty']
      : status.queue.map((m) => `  #${m.id} ${m.mode} from ${m.senderName}: ${oneLine(m.text)}`)),
  ];
  return lines.join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

function oneLine(text: string, max = 100): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
