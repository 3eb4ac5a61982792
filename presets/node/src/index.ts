import { httpAdapter } from '@satchel/adapter-http';
import { leveldbAdapter } from '@satchel/adapter-leveldb';
import { memoryAdapter } from '@satchel/adapter-memory';
import { changesPlugin, setSelectorMatcher } from '@satchel/changes';
import { Satchel } from '@satchel/core';
import { mangoPlugin } from '@satchel/mango';
import { mapreducePlugin } from '@satchel/mapreduce';
import { type ReplicationStatics, replicationPlugin } from '@satchel/replication';
import { matchesSelector } from '@satchel/selector';
import pkg from '../package.json';

Satchel.version = pkg.version;
// LevelDB on disk is the default, as in PouchDB on Node; memory stays available by name.
Satchel.adapter('leveldb', leveldbAdapter, true);
Satchel.adapter('memory', memoryAdapter, true);
// Names that are URLs (`http://host:5984/db`) pick these by their scheme.
Satchel.adapter('http', httpAdapter);
Satchel.adapter('https', httpAdapter);
Satchel.plugin(changesPlugin);
Satchel.plugin(mapreducePlugin);
Satchel.plugin(mangoPlugin);
Satchel.plugin(replicationPlugin);
setSelectorMatcher(matchesSelector);

export type { SatchelConstructor, SatchelOptions } from '@satchel/core';

/**
 * Satchel for Node.js, ready to use where PouchDB is: `require('@satchel/node')` and
 * `import PouchDB from '@satchel/node'` both give the constructor.
 */
const SatchelNode = Satchel as typeof Satchel & ReplicationStatics;
export default SatchelNode;
