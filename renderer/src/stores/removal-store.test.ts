import { beforeEach, describe, expect, it } from 'vitest';
import { removalProgress, useRemovalStore } from './removal-store.js';

const store = () => useRemovalStore.getState();

describe('removal store', () => {
  beforeEach(() => useRemovalStore.setState({ removing: {}, total: 0, done: 0 }));

  it('counts a bulk remove as its sessions finish, and forgets it when all did', () => {
    store().start(['a', 'b', 'c']);
    expect(removalProgress(store())).toBe('Removing 1 of 3…');
    expect(store().removing).toEqual({ a: true, b: true, c: true });
    store().finish('b');
    expect(removalProgress(store())).toBe('Removing 2 of 3…');
    store().finish('b'); // a second report of the same session does not count twice
    expect(removalProgress(store())).toBe('Removing 2 of 3…');
    store().finish('a');
    store().finish('c');
    expect(removalProgress(store())).toBeNull();
    expect(store().removing).toEqual({});
  });

  it('adds a second bulk remove started meanwhile to the one under way', () => {
    store().start(['a', 'b']);
    store().finish('a');
    store().start(['c', 'd']);
    expect(removalProgress(store())).toBe('Removing 2 of 4…');
  });
});
