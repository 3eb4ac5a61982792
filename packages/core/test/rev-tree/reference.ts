import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type {
  MergeResult,
  RevLeaf,
  RevNodeOpts,
  RevRootToLeafPath,
  RevTree,
  RevTreeMetadata,
  RevTreePath,
  RevTreeVisitor,
  StemResult,
} from '../../src/rev-tree/index.js';

/** The functions pouchdb-merge@9 exports, typed with our shapes. */
export interface PouchMerge {
  merge(tree: RevTree, path: RevTreePath, depth: number): MergeResult;
  winningRev(metadata: RevTreeMetadata): string;
  collectLeaves(tree: RevTree): RevLeaf[];
  collectConflicts(metadata: RevTreeMetadata): string[];
  compactTree(metadata: RevTreeMetadata): string[];
  rootToLeaf(tree: RevTree): RevRootToLeafPath[];
  traverseRevTree<C>(tree: RevTree, visit: RevTreeVisitor<C>): void;
  isDeleted(metadata: RevTreeMetadata, rev?: string): boolean | undefined;
  revExists(tree: RevTree, rev: string): boolean;
  latest(rev: string, metadata: RevTreeMetadata): string;
  isLocalId(id: unknown): boolean;
  findPathToLeaf(tree: RevTree, rev: string): string[];
  removeLeafFromTree(tree: RevTree, rev: string): RevTree;
  /** Not exported by pouchdb-merge; recovered from its source below. */
  stem(tree: RevTree, depth: number): StemResult;
}

const require = createRequire(import.meta.url);
const modulePath = require.resolve('pouchdb-merge');

/**
 * pouchdb-merge as published, plus its internal `stem`: the module's own source is evaluated a
 * second time with one extra export line, so the reference is PouchDB's code, unmodified.
 */
export const pouch: PouchMerge = (() => {
  const source = readFileSync(modulePath, 'utf8');
  const exportsObject: Record<string, unknown> = {};
  const load = new Function('exports', 'require', `${source}\nexports.stem = stem;`);
  load(exportsObject, createRequire(modulePath));
  return exportsObject as unknown as PouchMerge;
})();

/** A JSON round trip: what PouchDB's stores hand back, and a guard against its mutations. */
export function jsonClone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Opts factory, so tests read as data. */
export function opts(status?: RevNodeOpts['status'], deleted?: boolean): RevNodeOpts {
  const o: RevNodeOpts = {};
  if (status !== undefined) o.status = status;
  if (deleted) o.deleted = true;
  return o;
}

/** Multiplies property-test runs (`REV_TREE_SCALE=20` for a long soak; default 1). */
export const SCALE = Number(process.env.REV_TREE_SCALE ?? 1) || 1;
