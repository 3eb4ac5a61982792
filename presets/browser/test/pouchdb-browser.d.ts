// The few calls of pouchdb-browser@9 (devDependency, the oracle) the fixture page makes; the
// package ships no types.
declare module 'pouchdb-browser' {
  interface Row {
    id: string;
    doc?: Record<string, unknown>;
  }
  export interface PouchLike {
    info(): Promise<{ doc_count: number; update_seq: number | string }>;
    id(): Promise<string>;
    allDocs(options: object): Promise<{ rows: Row[] }>;
    changes(options: object): Promise<{ results: unknown[] }>;
    get(id: string, options?: object): Promise<Record<string, unknown> & { _rev: string }>;
    put(doc: object): Promise<{ rev: string }>;
    remove(doc: object): Promise<{ rev: string }>;
    bulkDocs(docs: object[], options?: object): Promise<{ rev?: string }[]>;
    putAttachment(
      id: string,
      name: string,
      rev: string,
      data: Blob,
      type: string,
    ): Promise<{ rev: string }>;
    getAttachment(id: string, name: string): Promise<unknown>;
    close(): Promise<void>;
    replicate: {
      to(target: PouchLike): Promise<unknown>;
      from(source: PouchLike): Promise<unknown>;
    };
  }
  const PouchDB: (new (
    name: string,
    options?: object,
  ) => PouchLike) & {
    plugin(plugin: unknown): void;
  };
  export default PouchDB;
}

declare module 'pouchdb-adapter-indexeddb' {
  const plugin: unknown;
  export default plugin;
}

declare module 'pouchdb-browser-7' {
  import type PouchDB from 'pouchdb-browser';

  // pouchdb-browser@7.3.1 (an older release, as existing apps have it): the same calls.
  const PouchDB7: typeof PouchDB;
  export default PouchDB7;
}
