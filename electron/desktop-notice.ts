import type { Session } from '../shared/session.js';
import type { NotifyOn } from '../shared/settings.js';

export interface DesktopNotice {
  title: string;
  body: string;
}

/**
 * What the desktop app should announce about a session that just changed status, given the user's
 * `notifyOn` choices: null when the user turned that kind off or the status is not news (running, idle…).
 * Pure, so it is tested here; electron/main.ts only shows the result.
 */
export function desktopNotice(session: Session, notifyOn: NotifyOn): DesktopNotice | null {
  switch (session.status) {
    case 'waiting':
      return notifyOn.waiting
        ? { title: `${session.name} is waiting for you`, body: session.question?.text ?? '' }
        : null;
    case 'completed':
      return notifyOn.completed ? { title: `${session.name} is done`, body: session.branch } : null;
    case 'failed':
      return notifyOn.failed ? { title: `${session.name} failed`, body: session.error ?? '' } : null;
    default:
      return null;
  }
}
