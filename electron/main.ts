import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Notification,
  safeStorage,
  session as electronSession,
  shell,
  type WebContents,
} from 'electron';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveDataDir } from './data-dir.js';
import { desktopNotice } from './desktop-notice.js';
import { serve, type Serving } from './host/serve.js';
import type { NativeDialogs } from './api/dialog-handlers.js';
import { engineHandlers } from './api/engine-handlers.js';
import { bindElectronTransport, EVENT_CHANNEL } from './ipc/electron-transport.js';
import { packageRoot } from './package-root.js';
import type { SecretBox } from './store/secret-box.js';
import { VERSION } from './version.js';

const RENDERER_INDEX = path.join(packageRoot(), 'dist', 'renderer', 'index.html');
const PLACEHOLDER_INDEX = path.join(packageRoot(), 'renderer', 'placeholder.html');
const PAGE = existsSync(RENDERER_INDEX) ? RENDERER_INDEX : PLACEHOLDER_INDEX;
const PAGE_URL = pathToFileURL(PAGE).href;

const windows = new Set<number>();
let serving: Serving | undefined;

function isTrusted(contents: WebContents, url: string): boolean {
  return windows.has(contents.id) && url.split('#')[0] === PAGE_URL;
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Flotilla',
    backgroundColor: '#111318',
    webPreferences: {
      preload: path.join(packageRoot(), 'dist', 'electron', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  const id = win.webContents.id;
  windows.add(id);
  win.on('closed', () => windows.delete(id));
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  void win.loadFile(PAGE);
  return win;
}

/** The desktop app's native dialogs, offered to the dashboard through the contract (`dialog.*`). */
const nativeDialogs: NativeDialogs = {
  async pickFolder({ title, defaultPath }) {
    const options: Electron.OpenDialogOptions = {
      properties: ['openDirectory'],
      ...(title ? { title } : {}),
      ...(defaultPath ? { defaultPath } : {}),
    };
    const parent = BrowserWindow.getFocusedWindow();
    const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
};

/** A desktop notification; clicking it brings the window forward with that session focused. */
function notify(sessionId: string, title: string, body: string): void {
  if (!Notification.isSupported()) return;
  const notification = new Notification({ title, body });
  notification.on('click', () => {
    const win = BrowserWindow.getAllWindows()[0] ?? createWindow();
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
    win.webContents.send(EVENT_CHANNEL, { name: 'ui.focusSession', payload: { id: sessionId } });
  });
  notification.show();
}

/**
 * The OS keychain (Keychain, DPAPI, libsecret / KWallet) sealing profile secrets at rest. None when
 * Linux has no keyring: its 'basic_text' fallback uses a fixed key, no better than the 0600 file.
 */
function keychainBox(): SecretBox | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return undefined;
  return {
    encrypt: (plain) => safeStorage.encryptString(plain).toString('base64'),
    decrypt: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}

async function start(): Promise<void> {
  // Deny every permission request (camera, notifications from the page, …) by default.
  electronSession.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  electronSession.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [
          "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'",
        ],
      },
    });
  });
  // The desktop app is a host too, so the `flotilla` CLI drives it the same way as `flotilla serve`.
  // serve() takes the data directory's lock, so the app and `flotilla serve` never both run on it.
  serving = await serve({ dataDir: resolveDataDir(), secretBox: keychainBox() });
  const handlers = engineHandlers(serving.manager, {
    version: VERSION,
    startedAt: new Date().toISOString(),
    dialogs: nativeDialogs,
    // Editors and terminals start from the app's environment; a folder with no editor goes to the system.
    opener: { openPath: (folder) => shell.openPath(folder), env: process.env },
  });
  bindElectronTransport(ipcMain, serving.manager, handlers, { isTrusted });
  const manager = serving.manager;
  manager.subscribe((event) => {
    if (event.name !== 'session.status') return;
    const { session } = event.payload;
    // Read per event, so a change in Settings applies to the next notification without a restart.
    const notice = desktopNotice(session, manager.settings().notifyOn);
    if (notice) notify(session.id, notice.title, notice.body);
  });
  createWindow();
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !serving) return;
  event.preventDefault();
  quitting = true;
  // Agents are stopped and their sessions kept as paused, resumable next time.
  void serving.stop().finally(() => app.quit());
});

app
  .whenReady()
  .then(start)
  .catch((error: unknown) => {
    console.error('Flotilla failed to start:', error);
    // E.g. "a Flotilla host (pid N) already serves DIR at URL": say so where a desktop user looks.
    dialog.showErrorBox('Flotilla could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
