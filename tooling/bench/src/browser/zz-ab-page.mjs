import Satchel from '@satchel/browser';
import { allTargets } from './page.mjs';

const commit = IDBTransaction.prototype.commit;
let n = 0;
allTargets.splice(
  0,
  allTargets.length,
  ...allTargets.filter(
    (t) => t.name === 'satchel' || t.name === 'pouchdb-indexeddb' || t.name === 'floor',
  ),
);
allTargets.push({
  name: 'satchel-autocommit',
  parts: allTargets[0].parts,
  open: async () => {
    const db = new Satchel(`ab-${Date.now()}-${n++}`, { adapter: 'indexeddb' });
    await db.info();
    return db;
  },
});
globalThis.onTimed = (target, started) => {
  IDBTransaction.prototype.commit = started && target === 'satchel-autocommit' ? undefined : commit;
};
