// One-shot replication of a seeded database (10k app records plus docs with a 10 KB binary
// attachment each) into a fresh, empty target: a second leveldb database of the same kind
// (Satchel -> Satchel, pouchdb -> pouchdb), or a new database on a CouchDB-compatible server
// (express-pouchdb, in memory) that the bench starts on 127.0.0.1. Both libraries run their own
// replicator with its defaults (batch_size 100, checkpoints on both sides).
//
// The floor does the least work a replication needs: one read of every change and attachment
// from the source, then one write per 100 docs, revisions kept as they are (`new_edits:
// false`). Locally that is one classic-level batch per 100 docs; to the server it is one
// `_bulk_docs` request per 100 docs with attachments inline, so the server's own work sets
// that floor. It skips what only a resumable replication needs (revs_diff, checkpoints).
//
// One server serves the whole workload (`prepare` starts it, `release` stops it), so its
// start-up is not billed to any run.
// measure.mjs opens, times and closes the source only: each run's target is made in the
// untimed setup and released (closed and removed) when measure closes the source, which it
// does after every run and on errors too.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { startCouchServer } from '@satchel/servers';
import { makeDocs } from '../docs.mjs';
import { Floor } from '../floor.mjs';

const ATTACHMENT_BYTES = 10 * 1024;
const TYPE = 'application/octet-stream';
const NAME = 'blob';
/** The replicators' default batch size; the floor writes in batches of the same size. */
const BATCH = 100;

const attId = (i) => `att-${String(i).padStart(4, '0')}`;

/** Unique per process: the server's memory adapter keeps databases in one global store. */
let serverDbs = 0;
const serverDbName = () => `bench-replica-${process.pid}-${++serverDbs}`;

/** The target of each run, by its source database. */
const targetsBySource = new WeakMap();

/**
 * Makes closing `source` also release everything registered with the returned function, in
 * reverse order, before the source itself closes; a failure there still closes the source.
 */
function releaseOnClose(source) {
  const releases = [];
  const close = source.close.bind(source);
  source.close = async () => {
    try {
      for (const release of releases.splice(0).reverse()) await release();
    } finally {
      await close();
    }
  };
  return (release) => releases.push(release);
}

/** Untimed: one new doc per blob, holding it as its attachment (floor: same, its own way). */
async function addAttachmentsApi(db, blobs) {
  for (let i = 0; i < blobs.length; i++) await db.putAttachment(attId(i), NAME, blobs[i], TYPE);
}

async function addAttachmentsFloor(floor, blobs) {
  for (let i = 0; i < blobs.length; i++) {
    await floor.putAttachment(attId(i), NAME, blobs[i], TYPE);
  }
}

/** Opens the run's empty target for a Satchel or pouchdb source (`db.constructor` is its class). */
async function openApiTarget(db, server, onClose) {
  const Db = db.constructor;
  if (!server) {
    const name = `${db.name}-replica`;
    const target = new Db(name);
    onClose(() => rm(name, { recursive: true, force: true, maxRetries: 5 }));
    onClose(() => target.close());
    await target.info();
    return target;
  }
  const target = new Db(`${server.url}/${serverDbName()}`);
  onClose(() => target.destroy());
  await target.info(); // creates the remote database before the clock starts
  return target;
}

/** The floor's target: a classic-level store beside the source, or a database on a server. */
async function openFloorTarget(floor, server, onClose) {
  if (!server) {
    const dir = `${floor.db.location}-replica`;
    onClose(() => rm(dir, { recursive: true, force: true, maxRetries: 5 }));
    const target = await Floor.open(dir);
    onClose(() => target.close());
    return target;
  }
  const url = `${server.url}/${serverDbName()}`;
  await request(url, 'PUT');
  onClose(() => request(url, 'DELETE'));
  return url;
}

async function request(url, method, body) {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Untimed, per run: the source's attachments, then its empty target. */
const setup = {
  api: async (db, { blobs, server }) => {
    const onClose = releaseOnClose(db);
    await addAttachmentsApi(db, blobs);
    targetsBySource.set(db, await openApiTarget(db, server, onClose));
  },
  floor: async (floor, { blobs, server }) => {
    const onClose = releaseOnClose(floor);
    await addAttachmentsFloor(floor, blobs);
    targetsBySource.set(floor, await openFloorTarget(floor, server, onClose));
  },
};

/** Random, so neither compression nor dedup by digest makes the bytes cheap. */
const makeBlobs = (s) => Array.from({ length: s.attachments }, () => randomBytes(ATTACHMENT_BYTES));

/** Timed: the library's own one-shot replication; checked complete before its count is used. */
async function replicateApi(db) {
  const target = targetsBySource.get(db);
  const result = await db.replicate.to(target);
  if (!result.ok || result.doc_write_failures !== 0) {
    throw new Error(`replication failed: ${JSON.stringify({ ...result, docs: undefined })}`);
  }
  const { doc_count } = await target.info();
  if (doc_count !== result.docs_written) {
    throw new Error(`target holds ${doc_count} docs, replication wrote ${result.docs_written}`);
  }
  return result.docs_written;
}

/** The floor's read side: every change once, and the attachment bytes of the docs that have them. */
async function readSource(floor) {
  const changes = await floor.changes(0);
  const blobs = new Map();
  for (const { id, doc } of changes) {
    if (!doc._attachments) continue;
    const bytes = {};
    for (const name of Object.keys(doc._attachments)) {
      bytes[name] = await floor.getAttachment(id, name);
    }
    blobs.set(id, bytes);
  }
  return { docs: changes.map((c) => c.doc), blobs };
}

async function replicateFloorLocal(floor) {
  const target = targetsBySource.get(floor);
  const { docs, blobs } = await readSource(floor);
  let written = 0;
  for (let i = 0; i < docs.length; i += BATCH) {
    written += await target.putReplicated(docs.slice(i, i + BATCH), blobs);
  }
  return written;
}

/** A doc as `_bulk_docs` takes it: attachment stubs replaced by their bytes in base64. */
function withInlineAttachments(doc, bytes) {
  if (!bytes) return doc;
  const attachments = {};
  for (const [name, meta] of Object.entries(doc._attachments)) {
    const data = Buffer.from(bytes[name]).toString('base64');
    attachments[name] = { content_type: meta.content_type, data };
  }
  return { ...doc, _attachments: attachments };
}

async function replicateFloorServer(floor) {
  const url = targetsBySource.get(floor);
  const { docs, blobs } = await readSource(floor);
  for (let i = 0; i < docs.length; i += BATCH) {
    const batch = docs.slice(i, i + BATCH).map((d) => withInlineAttachments(d, blobs.get(d._id)));
    const errors = await request(`${url}/_bulk_docs`, 'POST', { docs: batch, new_edits: false });
    if (errors.length > 0) throw new Error(`_bulk_docs refused: ${JSON.stringify(errors[0])}`);
  }
  const { doc_count } = await request(url, 'GET');
  if (doc_count !== docs.length) {
    throw new Error(`server holds ${doc_count} docs, the floor sent ${docs.length}`);
  }
  return docs.length;
}

const label = (where) => (s) =>
  `replicate ${s.docs} docs + ${s.attachments} with a ${ATTACHMENT_BYTES / 1024} KB ` +
  `attachment ${where}`;

export const replicateLocal = {
  name: 'replicate-local',
  label: label('to a new local db'),
  fresh: true, // every run needs an empty target, made beside a newly seeded source
  seedDocs: (s) => makeDocs(s.docs),
  prepare: (s) => ({ blobs: makeBlobs(s) }),
  setup,
  api: replicateApi,
  floor: replicateFloorLocal,
};

export const replicateServer = {
  ...replicateLocal,
  name: 'replicate-server',
  label: label('to a new db on a local server'),
  prepare: async (s) => ({ blobs: makeBlobs(s), server: await startCouchServer() }),
  release: ({ server }) => server.stop(),
  floor: replicateFloorServer,
};

/** The replication workloads, in the order they run. */
export const replicationWorkloads = [replicateLocal, replicateServer];
