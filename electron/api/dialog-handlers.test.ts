import { describe, expect, it } from 'vitest';
import { ClientStreams } from './client-streams.js';
import { dialogHandlers, type NativeDialogs } from './dialog-handlers.js';

const client = new ClientStreams('dialogs', () => undefined);

describe('dialogHandlers', () => {
  it('answers UNSUPPORTED without a desktop shell', async () => {
    const handlers = dialogHandlers(undefined);
    await expect(Promise.resolve(handlers['dialog.pickFolder']({}, client))).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      message: expect.stringContaining('type the path'),
    });
  });

  it("passes the request to the shell's picker and returns its folder, or null when cancelled", async () => {
    const asked: unknown[] = [];
    let answer: string | null = '/home/me/project';
    // Stands in for Electron's dialog module, which cannot run here.
    const shell: NativeDialogs = {
      pickFolder: (request) => {
        asked.push(request);
        return Promise.resolve(answer);
      },
    };
    const handlers = dialogHandlers(shell);
    expect(await handlers['dialog.pickFolder']({ title: 'Choose a repository' }, client)).toEqual({
      path: '/home/me/project',
    });
    answer = null;
    expect(await handlers['dialog.pickFolder']({}, client)).toEqual({ path: null });
    expect(asked).toEqual([{ title: 'Choose a repository' }, {}]);
  });
});
