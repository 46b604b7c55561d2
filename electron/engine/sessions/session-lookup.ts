import { FlotillaError } from '../../../shared/errors.js';
import type { SessionRecord } from '../../store/session-repository.js';

/** Finds a session by full id, unique id prefix, or exact name, in that order. */
export function findSession(sessions: SessionRecord[], ref: string): SessionRecord {
  const exact = sessions.find((s) => s.id === ref);
  if (exact) return exact;
  const byPrefix = sessions.filter((s) => s.id.startsWith(ref));
  if (byPrefix.length === 1) return byPrefix[0]!;
  const byName = sessions.filter((s) => s.name === ref);
  if (byName.length === 1) return byName[0]!;
  const candidates = byPrefix.length > 1 ? byPrefix : byName;
  if (candidates.length > 1) {
    throw new FlotillaError('AMBIGUOUS', `"${ref}" matches ${candidates.length} sessions: ${candidates.map((s) => s.id).join(', ')}`);
  }
  throw new FlotillaError('NOT_FOUND', `no session matches "${ref}"`);
}
