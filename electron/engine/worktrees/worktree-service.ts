import { existsSync } from 'node:fs';
import { FlotillaError } from '../../../shared/errors.js';
import type { DiskUsage, OrphanRemoval, WorktreeReport } from '../../../shared/worktree.js';
import type { Session } from '../../../shared/session.js';
import type { Settings } from '../../../shared/settings.js';
import { diskUsage } from './disk-usage.js';
import { removeOrphanWorktree } from './remove-orphan-worktree.js';
import { worktreeReport, worktreeRoots } from './worktree-report.js';

export interface WorktreeHost {
  readonly dataDir: string;
  settings(): Settings;
  list(): Session[];
  get(ref: string): Session;
}

/** The worktree folders on disk: what they weigh, which no session knows, and removing those. */
export class WorktreeService {
  constructor(private readonly host: WorktreeHost) {}

  /** Folders under the worktree locations that no session knows, and sessions whose folder is gone. */
  report(): Promise<WorktreeReport> {
    return worktreeReport(this.roots(), this.host.list());
  }

  /** Removes one folder the report lists as an orphan; refuses anything else. */
  removeOrphan(target: string): Promise<OrphanRemoval> {
    return removeOrphanWorktree(target, this.roots(), this.host.list());
  }

  async diskUsage(ref: string): Promise<DiskUsage> {
    const session = this.host.get(ref);
    if (!existsSync(session.worktreePath))
      throw new FlotillaError('INVALID_STATE', `worktree ${session.worktreePath} is missing`);
    return { id: session.id, worktreePath: session.worktreePath, ...(await diskUsage(session.worktreePath)) };
  }

  private roots(): string[] {
    return worktreeRoots(this.host.dataDir, this.host.settings().worktreeRoot);
  }
}
