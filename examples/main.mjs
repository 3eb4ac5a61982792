// The main job: open a database, write, read, query and watch it, printing what happened.
// Run with: npx pnpm@10 install && npx pnpm@10 example
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Satchel from '@satchel/node';
import { createServer } from '@satchel/server';

// The default adapter is LevelDB on disk: this database lives in <tmpdir>/satchel-example-main.
const db = new Satchel('main', { prefix: join(tmpdir(), 'satchel-example-') });
const log = (what, value) => console.log(`${what.padEnd(28)} ${JSON.stringify(value)}`);

const feed = db
  .changes({ live: true, since: 'now' })
  .on('change', (c) => log('live change', { id: c.id, seq: c.seq }));

const created = await db.put({ _id: 'todo:1', title: 'Buy milk', done: false });
log('put', created);
const doc = await db.get('todo:1');
const updated = await db.put({ ...doc, done: true });
log('update', updated);
log(
  'bulkDocs',
  await db.bulkDocs([
    { _id: 'todo:2', title: 'Write docs' },
    { _id: 'todo:3', title: 'Ship' },
  ]),
);
log('get', await db.get('todo:1'));
log(
  'allDocs',
  (await db.allDocs({ include_docs: true, startkey: 'todo:', endkey: 'todo:\uffff' })).rows.map(
    (r) => r.doc.title,
  ),
);
log('remove', await db.remove(await db.get('todo:3')));
log(
  'query (map/reduce)',
  await db.query(
    { map: (doc, emit) => emit(Boolean(doc.done)), reduce: '_count' },
    { group: true },
  ),
);
log('createIndex (mango)', await db.createIndex({ index: { fields: ['title'] } }));
log(
  'find (mango)',
  (await db.find({ selector: { title: { $gte: 'C' } }, sort: ['title'], fields: ['_id', 'title'] }))
    .docs,
);
const withFile = await db.putAttachment(
  'todo:2',
  'note.txt',
  (await db.get('todo:2'))._rev,
  Buffer.from('hello'),
  'text/plain',
);
log('putAttachment', withFile);
log('getAttachment', (await db.getAttachment('todo:2', 'note.txt')).toString());
log('stub', (await db.get('todo:2'))._attachments['note.txt']);
try {
  await db.put({ _id: 'todo:1', title: 'stale write' });
} catch (err) {
  log('stale write refused', { status: err.status, name: err.name });
}
const changes = await db.changes({ since: 0 });
log(
  'changes since 0',
  changes.results.map((c) => `${c.seq}:${c.id}${c.deleted ? ' (deleted)' : ''}`),
);
log('info', await db.info());
// Replication: copy everything into an in-memory replica, edit both sides, then sync.
const replica = new Satchel('main-replica', { adapter: 'memory' });
const pushed = await db.replicate.to(replica);
log('replicate.to', { docs_written: pushed.docs_written, last_seq: pushed.last_seq });
await replica.put({ _id: 'todo:4', title: 'Added on the replica' });
await db.put({ ...(await db.get('todo:2')), title: 'Write better docs' });
const synced = await db.sync(replica);
log('sync', { pushed: synced.push.docs_written, pulled: synced.pull.docs_written });
log(
  'replica has',
  (await replica.allDocs()).rows.map((r) => r.id),
);
await replica.destroy();
// Sync with a server: the one `pnpm start` runs (or SATCHEL_URL) when it is up, else one
// started here in memory, so the example also runs on its own.
let url = (process.env.SATCHEL_URL ?? 'http://127.0.0.1:5984').replace(/\/$/, '');
const running = await fetch(`${url}/_up`).then(
  (res) => res.ok,
  () => false,
);
const embedded = running ? undefined : createServer({ adapter: 'memory' });
if (embedded) url = await embedded.listen({ port: 0 });
const remote = new Satchel(`${url}/satchel-example`);
const withServer = await db.sync(remote);
log(`sync with ${running ? 'server' : 'embedded server'}`, {
  url,
  pushed: withServer.push.docs_written,
  pulled: withServer.pull.docs_written,
});
log(
  'server has',
  (await remote.allDocs()).rows.map((r) => r.id),
);
await remote.destroy();
await embedded?.close();
feed.cancel();
await db.destroy();
log('destroyed', true);
