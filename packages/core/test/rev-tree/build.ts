import type { RevNodeOpts, RevTreeNode } from '../../src/rev-tree/index.js';

/** A node for hand-built trees: `n('a', AV, n('b', MI))`. */
export function n(hash: string, opts: RevNodeOpts = {}, ...children: RevTreeNode[]): RevTreeNode {
  return [hash, { ...opts }, children];
}

export const AV: RevNodeOpts = { status: 'available' };
export const MI: RevNodeOpts = { status: 'missing' };
export const DEL: RevNodeOpts = { status: 'available', deleted: true };
