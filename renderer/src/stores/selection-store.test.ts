import { beforeEach, describe, expect, it } from 'vitest';
import { inGridOrder, selectedIds, useSelectionStore } from './selection-store.js';

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

  it('gives the selection in grid order, also when an id is all digits (object keys would put it first)', () => {
    const grid = ['3f2a9c01', '60429817', 'b7e1d2aa'];
    store().toggle('b7e1d2aa');
    store().toggle('3f2a9c01');
    store().toggle('60429817');
    expect(selectedIds()[0]).toBe('60429817');
    expect(inGridOrder(selectedIds(), grid)).toEqual(grid);
    expect(inGridOrder(['gone', '60429817'], grid)).toEqual(['60429817', 'gone']);
  });
});
