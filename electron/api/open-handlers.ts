import { FlotillaError } from '../../shared/errors.js';
import type { openMethods } from '../../shared/worktree-open.js';
import type { SessionManager } from '../engine/index.js';
import { openWorktree, type NativeOpener } from '../open-tool/open-worktree.js';
import type { Handlers } from './dispatch.js';

export type { NativeOpener };

/**
 * `session.open`: the worktree in the user's editor or a terminal emulator, on the host's desktop. Only the
 * desktop app has one; over the WebSocket the client may be on another machine, so it is UNSUPPORTED there.
 */
export function openHandlers(
  manager: SessionManager,
  opener: NativeOpener | undefined,
): Pick<Handlers, keyof typeof openMethods> {
  return {
    'session.open': async ({ id, target }) => {
      if (!opener) {
        throw new FlotillaError(
          'UNSUPPORTED',
          'opening an editor or terminal works only in the desktop app; run `flotilla open ID` on the host machine',
        );
      }
      return openWorktree(manager.get(id).worktreePath, target, manager.settings(), opener);
    },
  };
}
