import { existsSync } from 'node:fs';
import { FlotillaError } from '../../shared/errors.js';
import type { Settings } from '../../shared/settings.js';
import type { OpenResult, OpenTarget } from '../../shared/worktree-open.js';
import { launchOpen } from './launch-open.js';
import { resolveOpenCommand } from './open-command.js';

/** What the desktop shell provides (electron/main.ts): Electron's `shell.openPath`, and its environment. */
export interface NativeOpener {
  /** Opens a folder with the system's default application; resolves to an error message, '' on success. */
  openPath(path: string): Promise<string>;
  /** The environment editors and terminals start with (the app's own). */
  env: NodeJS.ProcessEnv;
}

/**
 * Opens a worktree in the user's editor or a terminal emulator. An editor that cannot be found falls back to
 * the system's handler for the folder (a file manager), unless the user configured one.
 */
export async function openWorktree(
  worktreePath: string,
  target: OpenTarget,
  settings: Settings,
  opener: NativeOpener,
): Promise<OpenResult> {
  if (!existsSync(worktreePath)) {
    throw new FlotillaError('WORKTREE_MISSING', `the worktree ${worktreePath} is gone`);
  }
  const resolve = { target, worktree: worktreePath, settings, env: opener.env, interactive: false };
  let plan;
  try {
    plan = await resolveOpenCommand(resolve);
  } catch (error) {
    const configured = target === 'editor' && settings.editorCommand.length > 0;
    if (target !== 'editor' || configured) throw error;
    const failure = await opener.openPath(worktreePath);
    if (failure)
      throw new FlotillaError(
        'NOT_FOUND',
        `${(error as Error).message}; the system could not open the folder either (${failure})`,
      );
    return { command: null, source: 'system file manager' };
  }
  await launchOpen(plan, worktreePath, opener.env);
  return { command: [plan.file, ...plan.args], source: plan.source };
}
