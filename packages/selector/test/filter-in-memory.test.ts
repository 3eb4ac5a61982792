import { describe, expect, it } from 'vitest';
import {
  compare,
  createFieldSorter,
  filterInMemoryFields,
  getKey,
  getValue,
  isCombinationalField,
  massageSelector,
  rowFilter,
} from '../src/index.js';

const rows = [
  { doc: { _id: 'c', n: 2, tag: 'x' } },
  { doc: { _id: 'a', n: 1, tag: 'y' } },
  { doc: { _id: 'b', n: 2, tag: 'x' } },
  { doc: { _id: 'd', tag: 'x' } },
];

describe('rowFilter', () => {
  it('tests only the listed fields; fields the selector lacks pass', () => {
    const selector = massageSelector({ n: { $gt: 1 }, tag: 'y' });
    expect(rowFilter(rows[0]!.doc, selector, ['n'])).toBe(true);
    expect(rowFilter(rows[0]!.doc, selector, ['n', 'tag'])).toBe(false);
    expect(rowFilter(rows[0]!.doc, selector, ['sortOnly'])).toBe(true);
    expect(rowFilter(rows[0]!.doc, selector, ['constructor'])).toBe(true);
  });
});

describe('filterInMemoryFields', () => {
  it('filters, sorts by collation then _id, reverses for desc, then skips and limits', () => {
    const selector = massageSelector({ tag: 'x' });
    const ids = (list: typeof rows) => list.map((row) => row.doc._id);
    expect(ids(filterInMemoryFields(rows, { selector }, ['tag']))).toEqual(['c', 'b', 'd']);
    expect(ids(filterInMemoryFields(rows, { selector, sort: [{ n: 'asc' }] }, ['tag']))).toEqual([
      'd',
      'b',
      'c',
    ]);
    expect(ids(filterInMemoryFields(rows, { selector, sort: ['n'] }, ['tag']))).toEqual([
      'd',
      'b',
      'c',
    ]);
    expect(ids(filterInMemoryFields(rows, { selector, sort: [{ n: 'desc' }] }, ['tag']))).toEqual([
      'c',
      'b',
      'd',
    ]);
    expect(
      ids(
        filterInMemoryFields(rows, { selector, sort: [{ n: 'asc' }], skip: 1, limit: 1 }, ['tag']),
      ),
    ).toEqual(['b']);
    expect(ids(filterInMemoryFields(rows, { selector, skip: 2 }, ['tag']))).toEqual(['d']);
    expect(filterInMemoryFields(rows, { selector }, ['tag'])).not.toBe(rows);
  });

  it('exposes PouchDB helpers', () => {
    const sorter = createFieldSorter([{ n: 'asc' }]);
    expect(sorter(rows[0]!, rows[2]!)).toBeGreaterThan(0);
    expect(compare('a', 'b')).toBe(-1);
    expect(compare(2, 2)).toBe(0);
    expect(getKey({ n: 'desc' })).toBe('n');
    expect(getValue({ n: 'desc' })).toBe('desc');
    expect(getKey({})).toBeUndefined();
    expect(isCombinationalField('$or')).toBe(true);
    expect(isCombinationalField('$and')).toBe(false);
  });
});
