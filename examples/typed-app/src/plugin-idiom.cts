// PouchDB's plugin idiom from CommonJS, on the bare constructor of @satchel/core (this file
// never loads the preset): `Satchel.plugin(require('@satchel/mango'))`, as
// `PouchDB.plugin(require('pouchdb-find'))`, and an adapter package likewise.
import core = require('@satchel/core');
import mango = require('@satchel/mango');

const { Satchel } = core;
const before = typeof (Satchel.prototype as { find?: unknown }).find;
// The typed form and PouchDB's untyped one both work.
Satchel.plugin(mango).plugin(require('@satchel/adapter-memory'));

async function main(): Promise<void> {
  const db = new Satchel<{ kind: string }>('plugin-idiom', { adapter: 'memory' });
  await db.bulkDocs([{ kind: 'fruit' }, { kind: 'tool' }, { kind: 'fruit' }]);
  const found = await db.find({ selector: { kind: 'fruit' } });
  const kinds: string[] = found.docs.map((doc) => doc.kind);
  console.log(JSON.stringify({ before, adapter: db.adapter, kinds }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
