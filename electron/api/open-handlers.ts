import { existsSync } from 'node:fs';
import { FlotillaError } from '../../shared/errors.js';
import type { openMethods, OpenResult } from '../../shared/worktree-open.js';
import type { SessionManager } from '../engine/session-manager.js';
import { launchOpen } from '../open-tool/launch-open.js';
import { resolveOpenCommand } from '../open-tool/open-command.js';
import type { Handlers } from './dispatch.js';

/** What the desktop shell provides (electron/main.ts): Electron's `shell.openPath`, and its environment. */
export interface NativeOpener {
  /** Opens a folder with the system's default application; resolves to an error message, '' on success. */
  openPath(path: string): Promise<string>;
  /** The environment editors and terminals start with (the app's own). */
  env: NodeJS.ProcessEnv;
}

/**
 * `session.open`: the worktree in the user's editor or a terminal emulator, on the host's desktop. Only the
 * desktop app has one; over the WebSocket the client may be on another machine, so it is UNSUPPORTED there.
 * An editor that cannot be found falls back to the system's handler for the folder (a file manager).
 */
export function openHandlers(
  manager: SessionManager,
  opener: NativeOpener | undefined,
): Pick<Handlers, keyof typeof openMethods> {
  return {
    'session.open': async ({ id, target }): Promise<OpenResult> => {
      if (!opener) {
        throw new FlotillaError(
          'UNSUPPORTED',
          'opening an editor or terminal works only in the desktop app; run `flotilla open ID` on the host machine',
        );
      }
      const { worktreePath } = manager.get(id);
      if (!existsSync(worktreePath)) {
        throw new FlotillaError('WORKTREE_MISSING', `the worktree ${worktreePath} is gone`);
      }
      const settings = manager.settings();
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
    },
  };
}
