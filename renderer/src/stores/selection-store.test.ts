import { beforeEach, describe, expect, it } from 'vitest';
import { selectedIds, useSelectionStore } from './selection-store.js';

const order = ['a', 'b', 'c', 'd', 'e'];
const store = () => useSelectionStore.getState();

describe('selection store', () => {
  beforeEach(() => store().clear());

  it('click selects one, ctrl-click toggles, shift-click extends from the anchor in grid order', () => {
    store().only('b');
    store().extendTo('d', order);
    expect(selectedIds().sort()).toEqual(['b', 'c', 'd']);
    store().toggle('c');
    expect(selectedIds().sort()).toEqual(['b', 'd']);
    store().only('e');
    store().extendTo('c', order);
    expect(selectedIds().sort()).toEqual(['c', 'd', 'e']);
  });

  it('drops removed sessions and selects many at once', () => {
    store().setMany(order);
    store().drop('a');
    expect(selectedIds()).toEqual(['b', 'c', 'd', 'e']);
    expect(store().anchor).toBeNull();
  });
});
