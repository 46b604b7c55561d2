import { cp, lstat } from 'node:fs/promises';
import path from 'node:path';
import { FlotillaError } from '../../../shared/errors.js';
import type { RepoSettings } from '../../../shared/worktree.js';
import type { SessionRecord } from '../../store/session-repository.js';
import { agentEnv } from '../agents/agent-env.js';
import { bringHeavyFolders, describeHeavyFolder } from '../worktree-costs/heavy-folders.js';
import { parseCommand, runCommand, type SetupOutcome } from './setup-command.js';

export interface WorktreeSetupOptions {
  settings(repoPath: string): RepoSettings;
  /** The environment the setup command starts from (sanitised like an agent's). */
  env: NodeJS.ProcessEnv;
  /** Records what happened in the session's history, where the user sees it. */
  note(sessionId: string, detail: string): void;
  /** Variables of the session's own (its port block: FLOTILLA_PORT…) the setup command gets too. */
  extraEnv?(sessionId: string): Promise<Record<string, string>>;
}

const NOTE_OUTPUT_CHARS = 8 * 1024;
const ERROR_OUTPUT_CHARS = 2 * 1024;

async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch {
    return false;
  }
}

async function copyFiles(record: SessionRecord, files: string[], note: (detail: string) => void): Promise<void> {
  const copied: string[] = [];
  const missing: string[] = [];
  for (const file of files) {
    const parts = file.split('/').filter((p) => p !== '' && p !== '.');
    if (parts.length === 0 || parts.includes('..') || parts[0] === '.git') continue;
    const from = path.join(record.repoPath, ...parts);
    if (!(await exists(from))) {
      missing.push(file);
      continue;
    }
    await cp(from, path.join(record.worktreePath, ...parts), { recursive: true, force: true, verbatimSymlinks: true });
    copied.push(file);
  }
  if (copied.length > 0) note(`copied into the worktree: ${copied.join(', ')}`);
  if (missing.length > 0) note(`not in ${record.repoPath}, so not copied: ${missing.join(', ')}`);
}

function describe(outcome: SetupOutcome, timeoutSec: number): string {
  if (outcome.timedOut) return `timed out after ${timeoutSec}s`;
  if (outcome.exitCode === null && outcome.signal === null) return 'could not start';
  return outcome.signal ? `was killed by ${outcome.signal}` : `exited with code ${outcome.exitCode}`;
}

/**
 * The step between `git worktree add` and the agent's start: copy the repository's configured files
 * (e.g. .env), bring in its heavy folders (node_modules, copy-on-write) and run its setup command in the new worktree. The command's output goes into the
 * session's history; a failure fails the session with that output.
 */
export function worktreeSetup(options: WorktreeSetupOptions): (record: SessionRecord) => Promise<void> {
  return async (record) => {
    const settings = options.settings(record.repoPath);
    const note = (detail: string) => options.note(record.id, detail);
    await copyFiles(record, settings.copyFiles, note);
    // Heavy folders (node_modules, .venv) before the setup command, so an `npm ci` there finds them.
    const heavy = await bringHeavyFolders(record.repoPath, record.worktreePath, settings.heavyFolders);
    for (const outcome of heavy.done) note(describeHeavyFolder(outcome));
    if (heavy.skipped.length > 0) note(`heavy folders not brought in: ${heavy.skipped.join(', ')}`);
    if (!settings.setupCommand.trim()) return;
    const argv = parseCommand(settings.setupCommand);
    const env = agentEnv(options.env, record.id, await options.extraEnv?.(record.id));
    const outcome = await runCommand(argv, record.worktreePath, env, settings.setupTimeoutSec * 1000);
    const ok = outcome.exitCode === 0 && !outcome.timedOut;
    const what = ok ? 'finished' : describe(outcome, settings.setupTimeoutSec);
    note(`setup command ${settings.setupCommand} ${what}\n${outcome.output.slice(-NOTE_OUTPUT_CHARS)}`.trimEnd());
    if (!ok) {
      const tail = outcome.output.trim().slice(-ERROR_OUTPUT_CHARS);
      throw new FlotillaError(
        'SETUP_FAILED',
        `setup command ${settings.setupCommand} ${what}${tail ? `:\n${tail}` : ''}`,
      );
    }
  };
}
