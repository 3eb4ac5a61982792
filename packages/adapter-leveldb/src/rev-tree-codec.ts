import type { RevNodeOpts, RevTree, RevTreeNode } from '@satchel/core';
import { quote } from './json-text.js';

/**
 * The stored form of a revision tree (formats 1 and 2), as JSON text: a list of roots, each
 * `[pos, hash, flag, hash, flag, …]` — a chain of revisions, each the only child of the one
 * before — ending, where a revision has several children, in one nested chain per child:
 * `[1,"a",0,"b",0,["c",0],["d",1]]` is `1-a` → `2-b` → {`3-c`, `3-d` (deleted)}.
 *
 * Flags stand for the usual node opts: 0 `{status:'available'}`, 1 available and deleted, 2
 * `{status:'missing'}`, 3 missing and deleted; any other opts are stored as their JSON object.
 * A linear history of any length is one flat array (no nesting, so no recursion when it is
 * read or written); nesting grows only with branch points. Against PouchDB's shape this drops
 * the key names and the `{"status":"available"}` object of every node: a one-revision tree
 * takes 42 bytes instead of 80.
 */
export function revTreeJson(tree: RevTree): string {
  let out = '[';
  for (let i = 0; i < tree.length; i++) {
    const root = tree[i]!;
    out += `${i > 0 ? ',' : ''}[${numberJson(root.pos)},${chainJson(root.ids)}]`;
  }
  return `${out}]`;
}

/** The JSON of a number (`null` for what JSON cannot hold, as `JSON.stringify` writes it). */
export function numberJson(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null';
}

/** `node`, then its descendants while each has exactly one child, then one nested chain per child. */
function chainJson(start: RevTreeNode): string {
  let out = '';
  let node = start;
  for (;;) {
    out += `${quote(node[0])},${flagJson(node[1])}`;
    const children = node[2];
    if (children.length !== 1) {
      for (const child of children) out += `,[${chainJson(child)}]`;
      return out;
    }
    out += ',';
    node = children[0]!;
  }
}

function flagJson(opts: RevNodeOpts): string {
  const keys = Object.keys(opts);
  const status = opts.status;
  if (keys[0] === 'status' && (status === 'available' || status === 'missing')) {
    const base = status === 'available' ? 0 : 2;
    if (keys.length === 1) return String(base);
    if (keys.length === 2 && keys[1] === 'deleted' && opts.deleted === true) {
      return String(base + 1);
    }
  }
  return JSON.stringify(opts);
}

/** A stored root or nested chain, as `JSON.parse` gives it back. */
type StoredChain = unknown[];

/** The tree {@link revTreeJson} wrote, from its parsed JSON; every object is fresh. */
export function parseRevTree(stored: unknown): RevTree {
  const roots = stored as StoredChain[];
  const tree: RevTree = new Array(roots.length);
  for (let i = 0; i < roots.length; i++) {
    const root = roots[i]!;
    tree[i] = { pos: root[0] as number, ids: chainNode(root, 1) };
  }
  return tree;
}

/** The node a chain starts with at `from`, with its descendants. */
function chainNode(chain: StoredChain, from: number): RevTreeNode {
  const first: RevTreeNode = [chain[from] as string, opts(chain[from + 1]), []];
  let last = first;
  for (let i = from + 2; i < chain.length; ) {
    const item = chain[i];
    if (typeof item === 'string') {
      const next: RevTreeNode = [item, opts(chain[i + 1]), []];
      last[2].push(next);
      last = next;
      i += 2;
    } else {
      last[2].push(chainNode(item as StoredChain, 0));
      i += 1;
    }
  }
  return first;
}

function opts(flag: unknown): RevNodeOpts {
  switch (flag) {
    case 0:
      return { status: 'available' };
    case 1:
      return { status: 'available', deleted: true };
    case 2:
      return { status: 'missing' };
    case 3:
      return { status: 'missing', deleted: true };
    default:
      return flag as RevNodeOpts;
  }
}
