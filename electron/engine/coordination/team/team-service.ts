import type { SessionActivity, TeamStatus } from '../../../../shared/coordination.js';
import type { Session } from '../../../../shared/session.js';
import { FlotillaError } from '../../../../shared/errors.js';

export interface SpawnRequest {
  parentId: string;
  prompt: string;
  name?: string | undefined;
  provider?: string | undefined;
  baseBranch?: string | undefined;
  sameWorktree: boolean;
  wait?: number | undefined;
  autoYes?: boolean | undefined;
}

/** Sessions as a team: spawning children, who is around (children, others), what each is doing. */
export class TeamService {
  spawn(_request: SpawnRequest): Promise<Session> {
    throw new FlotillaError('UNSUPPORTED', 'spawn is not built yet');
  }

  children(_ref: string): Session[] {
    throw new FlotillaError('UNSUPPORTED', 'not built yet');
  }

  others(_ref: string): Session[] {
    throw new FlotillaError('UNSUPPORTED', 'not built yet');
  }

  team(_ref: string): TeamStatus {
    throw new FlotillaError('UNSUPPORTED', 'not built yet');
  }

  what(_ref: string): SessionActivity {
    throw new FlotillaError('UNSUPPORTED', 'not built yet');
  }

  clear(_ref: string): Promise<void> {
    throw new FlotillaError('UNSUPPORTED', 'not built yet');
  }
}
