import { z } from 'zod';

export const PickFolderRequest = z
  .object({
    /** The dialog's title, e.g. "Choose a repository". */
    title: z.string().min(1).max(200).optional(),
    /** Where the dialog opens. */
    defaultPath: z.string().min(1).max(4096).optional(),
  })
  .strict();
export type PickFolderRequest = z.infer<typeof PickFolderRequest>;

/**
 * Native dialogs of the desktop app. Only the Electron transport has them: elsewhere (the WebSocket host
 * behind a browser) they answer UNSUPPORTED, and `host.info` says `nativeDialogs: false` so the UI hides them.
 */
export const dialogMethods = {
  /** Asks the user for a folder; `path: null` when they cancel. */
  'dialog.pickFolder': { request: PickFolderRequest, response: z.object({ path: z.string().nullable() }) },
} as const;
