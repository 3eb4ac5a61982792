import { httpAdapter } from '@satchel/adapter-http/adapter';
import { IndexedDbAdapterPlugin } from '@satchel/adapter-indexeddb';
import { memoryAdapter } from '@satchel/adapter-memory/adapter';
import { changesPlugin, setSelectorMatcherLoader } from '@satchel/changes';
import { Satchel } from '@satchel/core';
import { mangoPlugin } from '@satchel/mango';
import { mapreducePlugin } from '@satchel/mapreduce';
import { type ReplicationStatics, replicationPlugin } from '@satchel/replication/plugin';
import { version } from '../package.json';

Satchel.version = version;
// IndexedDB first, as in pouchdb-browser: `indexeddb` (default) and its older name `idb`.
Satchel.plugin(IndexedDbAdapterPlugin);
// Memory stays available by name, not preferred: a browser database should persist.
Satchel.adapter('memory', memoryAdapter);
// Names that are URLs (`https://host/db`) pick these by their scheme.
Satchel.adapter('http', httpAdapter);
Satchel.adapter('https', httpAdapter);
Satchel.plugin(changesPlugin);
Satchel.plugin(mapreducePlugin);
Satchel.plugin(mangoPlugin);
Satchel.plugin(replicationPlugin);
// Mango selectors in `changes` (and filtered replications): the matcher loads on first use.
setSelectorMatcherLoader(async () => (await import('@satchel/selector')).matchesSelector);

export type { SatchelConstructor, SatchelOptions } from '@satchel/core';

/**
 * Satchel for browsers, ready to use where `pouchdb-browser` is:
 * `import PouchDB from '@satchel/browser'`; `new PouchDB('todos')` stores in IndexedDB.
 */
const SatchelBrowser = Satchel as typeof Satchel & ReplicationStatics;
export default SatchelBrowser;
