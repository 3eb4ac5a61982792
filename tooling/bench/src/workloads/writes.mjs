// Write workloads. Each returns a count that the runner compares across targets, so a target
// that silently did less work fails loudly instead of looking fast.
import { distinctInts, docId, makeDocs } from '../docs.mjs';

export const singlePuts = {
  name: 'single-puts',
  label: (s) => `${s.puts} sequential put() of new docs`,
  fresh: true, // each repetition inserts the same ids, so it needs an empty database
  prepare: (s) => s.puts,
  api: async (db, count) => {
    for (const doc of makeDocs(count)) await db.put(doc);
    return count;
  },
  floor: async (floor, count) => {
    for (const doc of makeDocs(count)) await floor.put(doc);
    return count;
  },
};

export const bulkInsert = {
  name: 'bulk-insert',
  label: (s) => `${s.docs} new docs, bulkDocs batches of ${s.batch}`,
  fresh: true,
  prepare: (s) => s,
  api: async (db, s) => {
    const docs = makeDocs(s.docs);
    for (let i = 0; i < docs.length; i += s.batch) await db.bulkDocs(docs.slice(i, i + s.batch));
    return docs.length;
  },
  floor: async (floor, s) => {
    const docs = makeDocs(s.docs);
    for (let i = 0; i < docs.length; i += s.batch) await floor.bulkPut(docs.slice(i, i + s.batch));
    return docs.length;
  },
};

/** get() then put() back with one field changed: how apps edit a document. */
export const updates = {
  name: 'updates',
  label: (s) => `${s.updates} x get+put of existing docs (of ${s.docs})`,
  fresh: false, // every repetition edits the same docs again; their rev trees grow by one
  seedDocs: (s) => makeDocs(s.docs),
  prepare: (s) => distinctInts(s.updates, s.docs, 3).map(docId),
  api: async (db, ids) => {
    for (const id of ids) {
      const doc = await db.get(id);
      doc.n += 1;
      await db.put(doc);
    }
    return ids.length;
  },
  floor: async (floor, ids) => {
    for (const id of ids) {
      const doc = await floor.get(id);
      doc.n += 1;
      await floor.put(doc);
    }
    return ids.length;
  },
};
