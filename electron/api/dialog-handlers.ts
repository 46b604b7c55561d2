import { FlotillaError } from '../../shared/errors.js';
import type { dialogMethods, PickFolderRequest } from '../../shared/native-dialog.js';
import type { Handlers } from './dispatch.js';

/** What the desktop shell provides (electron/main.ts): the engine and the WebSocket host have no windows. */
export interface NativeDialogs {
  /** The chosen folder, or null when the user cancelled. */
  pickFolder(request: PickFolderRequest): Promise<string | null>;
}

/** Handlers of `dialog.*`: the shell's dialogs when there are any, UNSUPPORTED otherwise. */
export function dialogHandlers(dialogs: NativeDialogs | undefined): Pick<Handlers, keyof typeof dialogMethods> {
  return {
    'dialog.pickFolder': async (request) => {
      if (!dialogs) {
        throw new FlotillaError(
          'UNSUPPORTED',
          'a native folder picker exists only in the desktop app; type the path instead',
        );
      }
      return { path: await dialogs.pickFolder(request) };
    },
  };
}
