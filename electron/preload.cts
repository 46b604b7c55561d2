// Sandboxed preload (CommonJS, as sandboxed preloads must be): exposes the contract's invoke/on and
// nothing else. The main process validates the method name, the payload and the sender of every call.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- sandboxed preloads are CommonJS
import electron = require('electron');

const { contextBridge, ipcRenderer } = electron;
type IpcRendererEvent = electron.IpcRendererEvent;

const INVOKE = 'flotilla:invoke';
const EVENT = 'flotilla:event';

contextBridge.exposeInMainWorld('flotilla', {
  invoke: (method: string, payload: unknown): Promise<unknown> => ipcRenderer.invoke(INVOKE, method, payload),
  on: (listener: (event: { name: string; payload: unknown }) => void): (() => void) => {
    const handler = (_event: IpcRendererEvent, message: { name: string; payload: unknown }) => listener(message);
    ipcRenderer.on(EVENT, handler);
    return () => ipcRenderer.removeListener(EVENT, handler);
  },
});
