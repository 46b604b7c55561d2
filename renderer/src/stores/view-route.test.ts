import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, routeOf, type Route } from './view-route.js';

const none = { focusedId: null, archiveOpen: false, settingsOpen: false, pair: null };

describe('view route', () => {
  it('reads back every hash it writes', () => {
    const routes: Route[] = [
      { view: 'grid' },
      { view: 'session', id: 'a1b2c3' },
      { view: 'session', id: 'odd/id #1' },
      { view: 'archived' },
      { view: 'settings' },
      { view: 'compare', left: 'a', right: 'b' },
    ];
    for (const route of routes) expect(parseRoute(routeHash(route))).toEqual(route);
    expect(routeHash({ view: 'grid' })).toBe('');
    expect(routeHash({ view: 'session', id: 'abc' })).toBe('#/s/abc');
  });

  it('takes anything it cannot read for the grid', () => {
    for (const hash of [
      '',
      '#',
      '#/',
      '#/s',
      '#/s/',
      '#/nope',
      '#/s/a/b',
      '#/compare/a',
      '#/compare/a/a',
      '#/s/%E0%A4%A',
    ])
      expect(parseRoute(hash), hash).toEqual({ view: 'grid' });
  });

  it('names the overlay on screen first, then the session or list beneath it', () => {
    expect(routeOf(none)).toEqual({ view: 'grid' });
    expect(routeOf({ ...none, archiveOpen: true })).toEqual({ view: 'archived' });
    expect(routeOf({ ...none, archiveOpen: true, focusedId: 'x' })).toEqual({ view: 'session', id: 'x' });
    expect(routeOf({ ...none, focusedId: 'x', settingsOpen: true })).toEqual({ view: 'settings' });
    expect(routeOf({ ...none, focusedId: 'x', pair: ['x', 'y'] })).toEqual({ view: 'compare', left: 'x', right: 'y' });
  });
});
