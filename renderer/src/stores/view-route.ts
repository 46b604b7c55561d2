/**
 * Where the user is, as the URL's hash says it: `#/s/<id>` a focused session, `#/archived`, `#/settings`,
 * `#/compare/<a>/<b>`; no hash is the grid. So a reload, back / forward and a bookmark find the same view.
 */
export type Route =
  | { view: 'grid' }
  | { view: 'session'; id: string }
  | { view: 'archived' }
  | { view: 'settings' }
  | { view: 'compare'; left: string; right: string };

/** The parts of the view state a route stands for. */
export interface RouteState {
  focusedId: string | null;
  archiveOpen: boolean;
  settingsOpen: boolean;
  pair: readonly [string, string] | null;
}

function decode(part: string | undefined): string | null {
  if (!part) return null;
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** The route a hash names; anything it cannot read is the grid. */
export function parseRoute(hash: string): Route {
  const [kind, a, b, ...rest] = hash.replace(/^#\/?/, '').split('/');
  const first = decode(a);
  const second = decode(b);
  if (rest.length > 0) return { view: 'grid' };
  if (kind === 's' && first && b === undefined) return { view: 'session', id: first };
  if (kind === 'archived' && a === undefined) return { view: 'archived' };
  if (kind === 'settings' && a === undefined) return { view: 'settings' };
  if (kind === 'compare' && first && second && first !== second) return { view: 'compare', left: first, right: second };
  return { view: 'grid' };
}

/** The hash for a route: empty for the grid (the plain address). */
export function routeHash(route: Route): string {
  switch (route.view) {
    case 'grid':
      return '';
    case 'session':
      return `#/s/${encodeURIComponent(route.id)}`;
    case 'archived':
      return '#/archived';
    case 'settings':
      return '#/settings';
    case 'compare':
      return `#/compare/${encodeURIComponent(route.left)}/${encodeURIComponent(route.right)}`;
  }
}

/** The route of the view on screen: an overlay (Compare, Settings) over the session or list beneath it. */
export function routeOf(state: RouteState): Route {
  if (state.pair) return { view: 'compare', left: state.pair[0], right: state.pair[1] };
  if (state.settingsOpen) return { view: 'settings' };
  if (state.focusedId) return { view: 'session', id: state.focusedId };
  return state.archiveOpen ? { view: 'archived' } : { view: 'grid' };
}

/** The sessions a route needs to exist. */
export function routeIds(route: Route): string[] {
  if (route.view === 'session') return [route.id];
  return route.view === 'compare' ? [route.left, route.right] : [];
}
