import type { BrowserSession } from '@satchel/browser-runner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPresetSession } from './preset-session.js';

let session: BrowserSession;
beforeAll(async () => {
  session = await startPresetSession();
}, 120_000);
afterAll(async () => {
  await session?.stop();
});

/** A damaged `_pouch_<name>` database, made with IndexedDB directly in the page. */
interface Damage {
  version: number;
  /** Store name → key path (`null`: out-of-line keys). */
  stores: Record<string, string | null>;
  /** Store name → records to put (with `key` for out-of-line stores). */
  records: Record<string, { value: unknown; key?: string }[]>;
}

/** The Chromium `indexeddb` adapter's versions: schema 2 × 10^13 plus a timestamp. */
const INDEXEDDB_VERSION = 2 * 10 ** 13 + 1_700_000_000_000;
const docRecord = {
  id: 'a',
  rev: '1-x',
  rev_tree: [{ pos: 1, ids: ['x', { status: 'available' }, []] }],
  revs: { '1-x': { data: { n: 1 } } },
  seq: 1,
  deleted: 0,
};

const cases: [string, Damage, RegExp][] = [
  [
    'an indexeddb-adapter database whose metadata record is garbage',
    {
      version: INDEXEDDB_VERSION,
      stores: { docs: 'id', meta: 'id' },
      records: { docs: [{ value: docRecord }], meta: [{ value: { id: 'meta', seq: 'garbage' } }] },
    },
    /PouchDB's indexeddb adapter format\): its metadata record is not PouchDB's/,
  ],
  [
    'an indexeddb-adapter database with a document record that is not PouchDB’s',
    {
      version: INDEXEDDB_VERSION,
      stores: { docs: 'id', meta: 'id' },
      records: {
        docs: [{ value: { id: 'a', junk: true } }],
        meta: [{ value: { id: 'meta', seq: 1, db_uuid: 'u', doc_count: 1 } }],
      },
    },
    /PouchDB's indexeddb adapter format\): the record of document "a" is not PouchDB's/,
  ],
  [
    'an indexeddb-adapter database missing its meta store',
    {
      version: INDEXEDDB_VERSION,
      stores: { docs: 'id' },
      records: { docs: [{ value: docRecord }] },
    },
    /PouchDB's indexeddb adapter format\): it lacks PouchDB's object stores meta/,
  ],
  [
    'an idb-adapter database missing stores',
    {
      version: 5,
      stores: { 'document-store': 'id', 'by-sequence': null },
      records: {},
    },
    /PouchDB's idb adapter format\): it lacks PouchDB's object stores attach-store, local-store, meta-store/,
  ],
  [
    'an idb-adapter database whose meta-store record has no instance id',
    {
      version: 5,
      stores: {
        'document-store': 'id',
        'by-sequence': null,
        'attach-store': 'digest',
        'local-store': '_id',
        'meta-store': 'id',
      },
      records: {
        'document-store': [{ value: { id: 'a', data: '{not json', seq: 1 } }],
        'meta-store': [{ value: { id: 'meta-store', docCount: 1 } }],
      },
    },
    /PouchDB's idb adapter format\): its meta-store record has no instance id/,
  ],
  [
    'a database of neither format under the same name',
    { version: 3, stores: { things: null }, records: {} },
    /PouchDB's idb or indexeddb adapter format\): it is not a database of PouchDB's idb or indexeddb adapter \(version 3, object stores: things\)/,
  ],
];

describe('opening a damaged or unknown PouchDB database under the same name', () => {
  it.each(cases)(
    '%s: a clear error naming the database and the format, every time, the original left as it is',
    async (_, damage, message) => {
      const page = await session.open('/index.html');
      const name = `damaged-${Date.now()}-${Math.random().toString(36).slice(2)}`;
      const result = await page.evaluate(
        async ([name, damage]) => {
          const database = `_pouch_${name}`;
          const request = indexedDB.open(database, damage.version);
          request.onupgradeneeded = () => {
            for (const [store, keyPath] of Object.entries(damage.stores)) {
              const created = request.result.createObjectStore(store, keyPath ? { keyPath } : {});
              if (store === 'by-sequence') created.createIndex('_doc_id_rev', '_doc_id_rev');
            }
          };
          const db = await new Promise<IDBDatabase>((resolve, reject) => {
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          });
          for (const [store, records] of Object.entries(damage.records)) {
            const tx = db.transaction(store, 'readwrite');
            for (const { value, key } of records) tx.objectStore(store).put(value, key);
            await new Promise((resolve) => {
              tx.oncomplete = resolve;
            });
          }
          db.close();
          const attempt = async () => {
            const satchel = new Satchel(name);
            const err = (await satchel.info().then(
              () => ({ message: 'opened' }),
              (e: unknown) => e,
            )) as Record<string, unknown>;
            return { status: err.status, name: err.name, code: err.code, message: err.message };
          };
          const first = await attempt();
          const second = await attempt();
          const after = await new Promise<IDBDatabase>((resolve, reject) => {
            const open = indexedDB.open(database);
            open.onsuccess = () => resolve(open.result);
            open.onerror = () => reject(open.error);
          });
          const kept = {
            version: after.version,
            stores: Array.from(after.objectStoreNames).sort(),
          };
          after.close();
          return { first, second, kept };
        },
        [name, damage] as const,
      );
      expect(result.first).toMatchObject({
        status: 500,
        name: 'pouchdb_migration',
        code: 'SATCHEL_POUCHDB_MIGRATION',
      });
      expect(result.first.message).toContain(`"_pouch_${name}"`);
      expect(result.first.message).toMatch(message);
      expect(result.second).toEqual(result.first);
      expect(result.kept).toEqual({
        version: damage.version,
        stores: Object.keys(damage.stores).sort(),
      });
      await page.close();
    },
    120_000,
  );
});
