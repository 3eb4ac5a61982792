import type { AnyDoc, PouchAdapterFunction, RevTree } from '@satchel/core';

/** A Node-style callback, as PouchDB's internal adapter methods take them. */
export type NodeCallback<T = unknown> = (err?: unknown, result?: T) => void;

/** A PouchDB-style adapter constructor (core's type; see `PouchAdapterFunction`). */
export type PouchAdapterConstructor = PouchAdapterFunction;

/** The metadata PouchDB's `_get` hands back beside the document. */
export interface PouchMetadata {
  id: string;
  rev_tree: RevTree;
  winningRev?: string;
  deleted?: boolean;
  seq?: number;
  [key: string]: unknown;
}

/** What `_get` answers: the stored body and the document's metadata (and a read context). */
export interface PouchGetResult {
  doc: AnyDoc;
  metadata: PouchMetadata;
  ctx?: unknown;
}

/** The handle `_changes` returns. */
export interface PouchChangesHandle {
  cancel?(): void;
}

/**
 * The internal interface a PouchDB adapter installs on its database: PouchDB 9's underscore
 * methods with their callback shapes. Optional ones are optional in PouchDB too.
 */
export interface PouchInternals {
  _info(callback: NodeCallback<Record<string, unknown>>): void;
  _id?(callback: NodeCallback<string>): void;
  _get(id: string, opts: Record<string, unknown>, callback: NodeCallback<PouchGetResult>): void;
  _getRevisionTree(id: string, callback: NodeCallback<RevTree>): void;
  _bulkDocs(
    req: { docs: AnyDoc[]; new_edits?: boolean },
    opts: Record<string, unknown>,
    callback: NodeCallback<unknown[]>,
  ): void;
  _allDocs(opts: Record<string, unknown>, callback: NodeCallback<unknown>): void;
  _changes(opts: Record<string, unknown>): PouchChangesHandle | undefined;
  _getAttachment(
    docId: string,
    name: string,
    attachment: Record<string, unknown>,
    opts: Record<string, unknown>,
    callback: NodeCallback<unknown>,
  ): void;
  _doCompaction?(docId: string, revs: string[], callback: NodeCallback): void;
  _compact?(opts: Record<string, unknown>, callback: NodeCallback): void;
  _getLocal?(id: string, callback: NodeCallback<AnyDoc>): void;
  _putLocal?(doc: AnyDoc, callback: NodeCallback<unknown>): void;
  _removeLocal?(doc: AnyDoc, callback: NodeCallback<unknown>): void;
  _purge?(docId: string, path: string[], callback: NodeCallback<unknown>): void;
  _close(callback: NodeCallback): void;
  _destroy(opts: Record<string, unknown>, callback: NodeCallback): void;
}

/**
 * The object a PouchDB adapter runs on: the Satchel database itself, as PouchDB runs adapters
 * on its instance, with the underscore methods the adapter installs.
 */
export type PouchHost = Partial<PouchInternals> & Record<string, unknown>;
