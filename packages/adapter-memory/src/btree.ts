import * as sortedBtree from 'sorted-btree';

/** The B+ tree class of `sorted-btree`. */
export type BTreeClass = typeof sortedBtree.default;

/**
 * `sorted-btree` is CommonJS with `exports.default`. Bundlers and our CJS build hand that
 * class over as the default export; Node's own ESM loader hands over the whole exports
 * object instead, whose `default` is the class. This takes whichever arrived.
 */
const imported = (sortedBtree as unknown as { default: BTreeClass | { default: BTreeClass } })
  .default;

export const BTree: BTreeClass = typeof imported === 'function' ? imported : imported.default;
