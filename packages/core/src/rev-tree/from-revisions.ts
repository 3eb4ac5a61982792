import type { RevHistory, RevNodeOpts, RevTree, RevTreeNode } from './types.js';

/**
 * The single-branch tree a `_revisions` field describes (how `new_edits: false` writes enter
 * the tree): the newest revision is the leaf and carries `opts` (the very object given, not a
 * copy), every ancestor is `{status: 'missing'}`, and the root sits at generation
 * `start - ids.length + 1`. Iterative, so any length is safe.
 *
 * @throws TypeError when `ids` is empty (PouchDB would build a node with an undefined hash)
 */
export function makeRevTreeFromRevisions(revisions: RevHistory, opts: RevNodeOpts): RevTree {
  const ids = revisions.ids;
  if (ids.length === 0) throw new TypeError('_revisions.ids must not be empty');
  let node: RevTreeNode = [ids[0]!, opts, []];
  for (let i = 1; i < ids.length; i++) node = [ids[i]!, { status: 'missing' }, [node]];
  return [{ pos: revisions.start - ids.length + 1, ids: node }];
}
