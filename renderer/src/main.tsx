import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setApi } from './api/api-instance.js';
import { connectElectronApi, type FlotillaBridge } from './api/electron-api.js';
import { syncDiffs } from './api/diff-sync.js';
import { syncRoute } from './api/route-sync.js';
import { syncStores } from './api/session-sync.js';
import { syncTeam } from './api/team-sync.js';
import { syncReviewLoop } from './api/review-loop-sync.js';
import { syncUsage } from './api/usage-sync.js';
import { takeToken, webSocketUrl } from './api/token.js';
import { connectWebSocketApi } from './api/websocket-api.js';
import { App } from './app.js';
import { PreviewPollerContext } from './hooks/use-preview-poller.js';
import { useUiStore } from './stores/ui-store.js';
import './styles/app.css';
import { PreviewPoller } from './terminal/preview-poller.js';

declare global {
  interface Window {
    flotilla?: FlotillaBridge;
  }
}

/** In Electron the preload's bridge; in a browser the host's WebSocket (token from the URL once, then the cookie). */
function connect() {
  if (window.flotilla) return connectElectronApi(window.flotilla);
  const token = takeToken(window.location, sessionStorage, (url) => history.replaceState(null, '', url));
  return connectWebSocketApi(webSocketUrl(window.location, token));
}

const api = connect();
setApi(api);
syncStores(api);
syncUsage(api);
syncTeam(api);
syncDiffs(api);
syncReviewLoop(api);
syncRoute();
api.on('ui.focusSession', ({ id }) => useUiStore.getState().focus(id));
const poller = new PreviewPoller(api);
poller.start();

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <PreviewPollerContext.Provider value={poller}>
      <App />
    </PreviewPollerContext.Provider>
  </StrictMode>,
);
