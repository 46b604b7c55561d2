import { useCompareStore } from '../stores/compare-store.js';
import { useSessionsStore } from '../stores/sessions-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { parseRoute, routeHash, routeIds, routeOf, type Route } from '../stores/view-route.js';

/** What the current view state's route is. */
function stateRoute(): Route {
  const { focusedId, archiveOpen, settingsOpen } = useUiStore.getState();
  return routeOf({ focusedId, archiveOpen, settingsOpen, pair: useCompareStore.getState().pair });
}

/** Shows what a route names: a list or session replaces the view (closing overlays); an overlay opens over it. */
function applyRoute(route: Route): void {
  const ui = useUiStore.getState();
  const compare = useCompareStore.getState();
  if (route.view === 'compare') return compare.open(route.left, route.right);
  if (route.view === 'settings') return ui.setSettingsOpen(true);
  compare.close();
  ui.setSettingsOpen(false);
  ui.focus(route.view === 'session' ? route.id : null);
  ui.setArchiveOpen(route.view === 'archived');
}

function writeUrl(hash: string, replace: boolean): void {
  const url = `${location.pathname}${location.search}${hash}`;
  try {
    if (replace) history.replaceState(history.state, '', url);
    else history.pushState(null, '', url);
  } catch {
    location.hash = hash; // a URL history refuses (it should not): the hash alone still navigates
  }
}

/**
 * Keeps the view and the URL's hash in step, both ways: each change of view is a history entry (so back
 * and forward move between views), and the hash at load or after back / forward is shown once the
 * sessions are known. A session that is not there (removed, or another host's) shows the grid, saying so.
 */
export function syncRoute(): () => void {
  let ready = false;
  let scheduled = false;

  const show = (route: Route) => {
    const known = useSessionsStore.getState().byId;
    const missing = routeIds(route).filter((id) => !known[id]);
    if (missing.length === 0) return applyRoute(route);
    applyRoute({ view: 'grid' });
    writeUrl('', true);
    useUiStore
      .getState()
      .notify(`No session ${missing.join(' or ')} here (removed, or from another host): showing the grid`);
  };

  const fromUrl = () => {
    if (ready) show(parseRoute(location.hash));
  };

  // View changes made together (e.g. leave the session, open Archived) become one entry.
  const toUrl = () => {
    if (!ready || scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      const hash = routeHash(stateRoute());
      if (hash !== routeHash(parseRoute(location.hash))) writeUrl(hash, false);
    });
  };

  const start = () => {
    if (ready || !useSessionsStore.getState().loaded) return;
    ready = true;
    // A plain address leaves alone what the user opened while the sessions loaded (and records it).
    if (parseRoute(location.hash).view === 'grid') toUrl();
    else fromUrl();
  };

  const offs = [useUiStore.subscribe(toUrl), useCompareStore.subscribe(toUrl), useSessionsStore.subscribe(start)];
  window.addEventListener('popstate', fromUrl);
  window.addEventListener('hashchange', fromUrl);
  start();
  return () => {
    offs.forEach((off) => off());
    window.removeEventListener('popstate', fromUrl);
    window.removeEventListener('hashchange', fromUrl);
  };
}
