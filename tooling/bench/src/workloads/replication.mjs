// PouchDB's replication workloads (tests/performance/replication-test.js): 1,000 docs
// `{_id, foo, bar}` written in one or two generations, pulled in batches of 100 into an empty
// database. PouchDB pulls from a CouchDB; here the source is a database of the same kind
// (same library, same store), so the time is the libraries' own and not a server's.
// The floor reads every change once and writes the docs, revisions kept, in batches of 100.
import { createDocId, prng } from '../docs.mjs';

/** The source and empty target of each run, by source database. */
const targetsBySource = new WeakMap();

function generation(s, rand, revs) {
  return Array.from({ length: s.replicationDocs }, (_, i) => {
    const doc = { _id: createDocId(i), foo: rand(), bar: rand() };
    if (revs) doc._rev = revs[i];
    return doc;
  });
}

/** Untimed: `gens` generations of the docs in the source, and an empty target beside it. */
function setup(gens) {
  const write = async (s, put) => {
    const rand = prng(41);
    let revs;
    for (let g = 0; g < gens; g++) {
      const results = await put(generation(s, rand, revs));
      revs = results.map((r) => r.rev);
    }
  };
  return {
    api: async (db, _input, s, { openSibling }) => {
      await write(s, (docs) => db.bulkDocs(docs));
      targetsBySource.set(db, await openSibling());
    },
    floor: async (floor, _input, s, { openSibling }) => {
      await write(s, (docs) => floor.bulkPut(docs));
      targetsBySource.set(floor, await openSibling());
    },
  };
}

/** Timed: the library's own one-shot pull; checked complete before its count is used. */
async function pull(db, _input, s) {
  const target = targetsBySource.get(db);
  const result = await target.replicate.from(db, { batch_size: s.replicationBatch });
  if (!result.ok || result.doc_write_failures !== 0) {
    throw new Error(`replication failed: ${JSON.stringify({ ...result, docs: undefined })}`);
  }
  const { doc_count } = await target.info();
  if (doc_count !== s.replicationDocs) {
    throw new Error(`target holds ${doc_count} docs, expected ${s.replicationDocs}`);
  }
  return doc_count;
}

async function pullFloor(floor, _input, s) {
  const target = targetsBySource.get(floor);
  const docs = (await floor.changes(0)).map((c) => c.doc);
  let written = 0;
  for (let i = 0; i < docs.length; i += s.replicationBatch) {
    written += await target.putReplicated(docs.slice(i, i + s.replicationBatch));
  }
  return written;
}

function replication(gens) {
  return {
    name: `replication-${gens}gen`,
    label: (s) =>
      `pull ${s.replicationDocs} docs (${gens} generation${gens > 1 ? 's' : ''}) into an empty db`,
    fresh: true,
    prepare: () => null,
    setup: setup(gens),
    api: pull,
    floor: pullFloor,
  };
}

export const replicationWorkloads = [replication(1), replication(2)];
