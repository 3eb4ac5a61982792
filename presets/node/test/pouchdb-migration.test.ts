import { access, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Satchel from '@satchel/node';
import { inspectDirectory } from '@satchel/pouchdb-migrate';
import { type CouchServer, startSatchelServer } from '@satchel/servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PouchCtor, type PouchDb, writeFixture } from './pouchdb-migration/write-fixture.js';

/**
 * Issue 16: a database written by pouchdb's leveldb adapter, opened by `@satchel/node` under
 * the same name, answers exactly as PouchDB did, and the replication PouchDB started resumes
 * without sending a document. Fixtures are written here by the real pouchdb@9 and 7.3.1.
 */

const require = createRequire(import.meta.url);

function pouchWithFind(pkg: string, find: string): PouchCtor {
  const Pouch = require(pkg) as PouchCtor & { plugin(p: unknown): void };
  Pouch.plugin(require(find));
  return Pouch;
}

/** Everything observable that must survive, read through the PouchDB API. */
async function observe(db: PouchDb): Promise<Record<string, unknown>> {
  // With an explicit end: pouchdb's leveldb allDocs without one stops before ids whose first
  // character is U+00FF or above (its sublevel range ends at '\xff'); Satchel returns them.
  const all = (await db.allDocs({ include_docs: true, conflicts: true, endkey: '\uffff' })) as {
    rows: {
      id: string;
      doc?: Record<string, unknown>;
      value: { rev: string; deleted?: boolean };
    }[];
  };
  const sample = all.rows.filter((_, i) => i % 5 === 0).map((r) => r.id);
  const history = await Promise.all(
    sample.map((id) => db.get(id, { revs_info: true, conflicts: true })),
  );
  // As a set: pouchdb 7 lists open revisions in another order than pouchdb 9 (and Satchel).
  const leaves = await Promise.all(
    sample.map(async (id) => {
      const found = (await db.get(id, { open_revs: 'all' })) as unknown as {
        ok: { _rev: string };
      }[];
      return found.sort((a, b) => (a.ok._rev < b.ok._rev ? -1 : 1));
    }),
  );
  const withAtts = all.rows.filter((r) => r.doc?._attachments);
  const attachments = await Promise.all(
    withAtts.flatMap((r) =>
      Object.keys(r.doc?._attachments as object).map(async (name) => {
        const data = (await db.getAttachment(r.id, name)) as Buffer;
        return [r.id, name, Buffer.from(data).toString('base64')];
      }),
    ),
  );
  const info = await db.info();
  return {
    all,
    changes: await db.changes({ style: 'all_docs' }),
    history,
    leaves,
    attachments,
    local: await db.get('_local/app-state'),
    view: await db.query('by_group/by_group', { reduce: true, group: true }),
    viewRows: await db.query('by_group/by_group', { reduce: false, include_docs: true }),
    // An explicit limit: pouchdb-find 7 had none by default, 9 (like CouchDB) has 25.
    find: await db.find({ selector: { group: 3, n: { $gt: 100 } }, limit: 1000 }),
    info: { doc_count: info.doc_count, update_seq: info.update_seq },
    id: await db.id(),
  };
}

let server: CouchServer;
let dir = '';

beforeAll(async () => {
  server = await startSatchelServer();
  dir = await mkdtemp(join(tmpdir(), 'satchel-pouch-migration-'));
});

afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

const releases = [
  { release: 'pouchdb@9', pkg: 'pouchdb', find: 'pouchdb-find', docs: 2000 },
  // Same on-disk format as 9 (checked): fewer documents keep the run short.
  { release: 'pouchdb@7.3.1', pkg: 'pouchdb-7', find: 'pouchdb-find-7', docs: 600 },
];

describe.each(releases)(
  'a leveldb database written by $release',
  ({ release, pkg, find, docs }) => {
    const Pouch = pouchWithFind(pkg, find);
    let path = '';
    let remote = '';
    let expected: Record<string, unknown>;

    beforeAll(async () => {
      path = join(dir, release.replace(/\W/g, '-'));
      remote = `${server.url}/${release.replace(/\W/g, '-')}`;
      const db = new Pouch(path);
      await writeFixture(Pouch, db, remote, docs);
      expected = await observe(db);
      await db.close();
    }, 120_000);

    it('opens with @satchel/node under the same name: every answer is the same', async () => {
      const db = new Satchel(path) as unknown as PouchDb;
      const actual = await observe(db);
      for (const key of Object.keys(expected))
        expect({ [key]: actual[key] }).toEqual({ [key]: expected[key] });
      await db.close();
    }, 120_000);

    it('resumes the replication PouchDB made: nothing is sent again', async () => {
      const db = new Satchel(path);
      const result = await Satchel.replicate(db, remote);
      expect(result).toMatchObject({ ok: true, docs_read: 0, docs_written: 0 });
      await db.close();
    }, 60_000);

    it('migrated the view database instead of rebuilding it', async () => {
      const names = await readdir(dir);
      const base = path.slice(dir.length + 1);
      // The map/reduce view's index database was migrated (its original kept beside it). Satchel's
      // Mango keeps its indexes in databases of its own (`-mango-`), built from the documents, so
      // PouchDB's Mango index database is left as it is.
      const kept = names.filter((n) => n.startsWith(`${base}-mrview-`) && n.endsWith('.pouchdb'));
      expect(kept).toHaveLength(1);
      for (const view of kept) {
        expect(await inspectDirectory(join(dir, view.slice(0, -'.pouchdb'.length)))).toBe(
          'satchel',
        );
      }
    });

    it('keeps the original beside it, still readable by PouchDB', async () => {
      const original = `${path}.pouchdb`;
      await access(original);
      const db = new Pouch(original);
      const all = await db.allDocs({ include_docs: true, conflicts: true, endkey: '\uffff' });
      expect(all).toEqual(expected.all);
      await db.close();
    }, 60_000);
  },
);
