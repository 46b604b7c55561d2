import path from 'node:path';
import type { RecentRepo, RepoInfo } from '../../../shared/repo.js';
import type { RepoSettings, RepoSettingsPatch } from '../../../shared/worktree.js';
import { resolveRepoRoot } from '../../git/repo-info.js';
import { createSampleRepo } from '../../git/sample-repo.js';
import type { RepoSettingsRepository } from '../../store/repo-settings-repository.js';
import { parseCommand } from '../worktrees/setup-command.js';
import { firstRunRepo } from './first-run-repo.js';
import { inspectRepo } from './repo-inspector.js';

export interface RepoServiceDeps {
  dataDir: string;
  settings: RepoSettingsRepository;
  recent(): RecentRepo[];
}

/** The repositories sessions start from: what the new-session dialog shows, and each one's worktree setup. */
export class RepoService {
  constructor(private readonly deps: RepoServiceDeps) {}

  /** Root, branches and local changes of the repository holding `repoPath`. */
  inspect(repoPath: string): Promise<RepoInfo> {
    return inspectRepo(repoPath);
  }

  /** Repositories sessions were started in, most recent first. */
  recent(): RecentRepo[] {
    return this.deps.recent();
  }

  /** The repository a first run offers (the host's own folder, unless it is Flotilla's checkout), or null. */
  firstRun(workingDir: string): Promise<string | null> {
    return firstRunRepo(workingDir);
  }

  /** Creates (or finds) the sample repository in the data dir, for a first run with none to offer. */
  createSample(): Promise<string> {
    return createSampleRepo(this.deps.dataDir);
  }

  /** Worktree setup of the repository holding `repoPath` (any folder inside it). */
  async settings(repoPath: string): Promise<RepoSettings> {
    return this.deps.settings.get(await resolveRepoRoot(path.resolve(repoPath)));
  }

  async setSettings(patch: RepoSettingsPatch): Promise<RepoSettings> {
    // A command that cannot run is refused now rather than at the next session.
    if (patch.setupCommand) parseCommand(patch.setupCommand);
    const repoPath = await resolveRepoRoot(path.resolve(patch.repoPath));
    return this.deps.settings.set({ ...patch, repoPath });
  }
}
