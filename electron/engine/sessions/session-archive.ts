import { FlotillaError } from '../../../shared/errors.js';
import { isEnded } from '../../../shared/session-state.js';
import type { SessionRecord } from '../../store/session-repository.js';

/**
 * The change that archives a finished session out of the grid (or brings it back). Only ended sessions are
 * archived: hiding a live agent would leave it working, or waiting on the user, out of sight.
 */
export function archivePatch(record: SessionRecord, archived: boolean, at: string): Partial<SessionRecord> {
  if (archived && !isEnded(record.status)) {
    throw new FlotillaError('INVALID_STATE', `cannot archive a ${record.status} session; terminate it first`);
  }
  return { archivedAt: archived ? (record.archivedAt ?? at) : null, updatedAt: at };
}
