import { walkLeafPaths } from './path-walk.js';
import type {
  RevAncestry,
  RevHistory,
  RevPathNode,
  RevRootToLeafPath,
  RevStatusEntry,
  RevTree,
  RevTreeNode,
} from './types.js';

/**
 * Every root-to-leaf path, leaves left to right (roots in order, children in order), as
 * PouchDB's `rootToLeaf` lists them. Each path's `pos` is its root's generation. Read-only; a
 * node's `{id, opts}` entry is one object shared by all paths through it, and `opts` are the
 * tree's own. Costs O(nodes + total path length), not O(nodes x depth) as PouchDB's does.
 */
export function rootToLeaf(tree: RevTree): RevRootToLeafPath[] {
  const paths: RevRootToLeafPath[] = [];
  const entries: RevPathNode[] = [];
  walkLeafPaths(tree, {
    enter(node) {
      entries.push({ id: node[0], opts: node[1] });
    },
    leaf(_stack, rootPos) {
      paths.push({ pos: rootPos, ids: entries.slice() });
    },
    leave(length) {
      entries.length = length;
    },
  });
  return paths;
}

/**
 * The revision `rev` and its stored ancestors, newest first: what `get` with `revs` or
 * `revs_info` reports. Picks the root-to-leaf path PouchDB picks: the last one holding the hash
 * at index `N - 1`, otherwise the first one holding it anywhere. Like PouchDB, the lookup goes
 * by hash (the part between the first and second dash), so `start` is the generation where the
 * hash was found. Read-only.
 *
 * Quirk kept from PouchDB: for a generation-0 rev (`0-x`) the last path is picked with no
 * revisions (`ids` empty, `start` one below that path's root).
 *
 * @returns `undefined` when no path holds the hash (PouchDB's "invalid rev tree")
 */
export function findRevAncestry(tree: RevTree, rev: string): RevAncestry | undefined {
  const parts = rev.split('-');
  const wantedIndex = Number.parseInt(parts[0]!, 10) - 1;
  const hash = parts[1];
  const search = new AncestrySearch(hash, wantedIndex);
  walkLeafPaths(tree, search);
  return search.result();
}

/** One candidate path, kept only up to the revision itself. */
interface Candidate {
  rootPos: number;
  nodes: RevTreeNode[];
}

/** Walk state for {@link findRevAncestry}: the first occurrence of the hash on the stack. */
class AncestrySearch {
  private hitIndex = -1;
  /** Bumped at every new hit, so a hit shared by many leaves is copied once. */
  private hitEpoch = 0;
  private exact: Candidate | undefined;
  private exactEpoch = -1;
  private first: Candidate | undefined;

  constructor(
    private readonly hash: string | undefined,
    private readonly wantedIndex: number,
  ) {}

  enter(node: RevTreeNode, index: number): void {
    if (this.hitIndex === -1 && node[0] === this.hash) {
      this.hitIndex = index;
      this.hitEpoch++;
    }
  }

  leaf(stack: readonly RevTreeNode[], rootPos: number): void {
    // PouchDB compares "index of the hash" with N - 1 even when the hash is absent (-1), so a
    // generation-0 rev picks the last path with no revisions at all; kept for fidelity.
    const absent = this.hitIndex === -1;
    if (this.hitIndex === this.wantedIndex && (absent || this.exactEpoch !== this.hitEpoch)) {
      this.exact = this.capture(stack, rootPos);
      this.exactEpoch = this.hitEpoch;
    }
    if (!absent) this.first ??= this.capture(stack, rootPos);
  }

  leave(length: number): void {
    if (this.hitIndex >= length) this.hitIndex = -1;
  }

  result(): RevAncestry | undefined {
    const chosen = this.exact ?? this.first;
    if (chosen === undefined) return undefined;
    const ids = chosen.nodes.map((node): RevPathNode => ({ id: node[0], opts: node[1] }));
    return { start: chosen.rootPos + ids.length - 1, ids: ids.reverse() };
  }

  private capture(stack: readonly RevTreeNode[], rootPos: number): Candidate {
    return { rootPos, nodes: stack.slice(0, this.hitIndex + 1) };
  }
}

/** The `_revisions` field for an ancestry from {@link findRevAncestry}. */
export function revisionsFromPath(ancestry: RevAncestry): RevHistory {
  return { start: ancestry.start, ids: ancestry.ids.map((node) => node.id) };
}

/** The `_revs_info` field for an ancestry from {@link findRevAncestry}, newest first. */
export function revsInfoFromPath(ancestry: RevAncestry): RevStatusEntry[] {
  return ancestry.ids.map((node, i) => ({
    rev: `${ancestry.start - i}-${node.id}`,
    status: node.opts.status,
  }));
}
