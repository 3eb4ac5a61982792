// Point reads by id: one at a time, and many in one allDocs({keys}) call.
import { docId, makeDocs, randomInts } from '../docs.mjs';

export const gets = {
  name: 'gets',
  label: (s) => `${s.gets} x get() of random ids (of ${s.docs})`,
  fresh: false,
  seedDocs: (s) => makeDocs(s.docs),
  prepare: (s) => randomInts(s.gets, s.docs, 1).map(docId),
  api: async (db, ids) => {
    let found = 0;
    for (const id of ids) if ((await db.get(id))._id === id) found++;
    return found;
  },
  floor: async (floor, ids) => {
    let found = 0;
    for (const id of ids) if ((await floor.get(id))._id === id) found++;
    return found;
  },
};

export const keys = {
  name: 'alldocs-keys',
  label: (s) => `allDocs({keys: ${s.keys} random ids, include_docs})`,
  fresh: false,
  seedDocs: (s) => makeDocs(s.docs),
  prepare: (s) => randomInts(s.keys, s.docs, 2).map(docId),
  api: async (db, ids) => {
    const { rows } = await db.allDocs({ keys: ids, include_docs: true });
    return rows.filter((r) => r.doc).length;
  },
  floor: async (floor, ids) => (await floor.getMany(ids)).filter(Boolean).length,
};
