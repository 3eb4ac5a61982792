import { expect } from 'vitest';
import { expectError, PouchErrors, revPos } from './assertions.js';
import type { SuiteContext, TestFn } from './context.js';
import type { SuiteDatabase, WriteResult } from './types.js';

/** "hello" in base64, and PouchDB's digest of it (md5, base64). */
const HELLO = 'aGVsbG8=';
const HELLO_DIGEST = 'md5-XUFAKrxLKna5cZ2REBfFkg==';
const helloAttachment = { 'hello.txt': { content_type: 'text/plain', data: HELLO } };

interface AttachmentApi {
  putAttachment(
    docId: string,
    name: string,
    rev: string,
    data: unknown,
    type: string,
  ): Promise<WriteResult>;
  putAttachment(docId: string, name: string, data: unknown, type: string): Promise<WriteResult>;
  getAttachment(docId: string, name: string, opts?: object): Promise<unknown>;
  removeAttachment(docId: string, name: string, rev: string): Promise<WriteResult>;
}

const api = (db: SuiteDatabase): AttachmentApi => db as unknown as AttachmentApi;

/** The bytes of a Buffer, Uint8Array or Blob, as a string of char codes. */
async function textOf(data: unknown): Promise<string> {
  let bytes: Uint8Array;
  if (data instanceof Uint8Array) bytes = data;
  else if (data && typeof (data as Blob).arrayBuffer === 'function')
    bytes = new Uint8Array(await (data as Blob).arrayBuffer());
  else throw new Error(`not binary data: ${typeof data}`);
  return String.fromCharCode(...bytes);
}

/** Attachments: inline, stubs, and the attachment methods. */
export function attachments(test: TestFn, ctx: SuiteContext): void {
  inline(test, ctx);
  methods(test, ctx);
}

function inline(test: TestFn, ctx: SuiteContext): void {
  test(
    "an inline attachment is read back as a stub with PouchDB's digest",
    async () => {
      const db = ctx.open();
      await db.put({ _id: 'a', _attachments: helloAttachment });
      const doc = await db.get('a');
      expect(doc._attachments).toEqual({
        'hello.txt': {
          content_type: 'text/plain',
          digest: HELLO_DIGEST,
          length: 5,
          revpos: 1,
          stub: true,
        },
      });
    },
    'attachments',
  );

  test(
    'attachments: true inlines the data as base64',
    async () => {
      const db = ctx.open();
      await db.put({ _id: 'a', _attachments: helloAttachment });
      const doc = await db.get('a', { attachments: true });
      expect(doc._attachments?.['hello.txt']).toEqual({
        content_type: 'text/plain',
        digest: HELLO_DIGEST,
        revpos: 1,
        data: HELLO,
      });
      const all = await db.allDocs({ include_docs: true, attachments: true });
      expect(all.rows[0]?.doc?._attachments?.['hello.txt']?.data).toBe(HELLO);
    },
    'attachments',
  );

  test(
    'a stub keeps the attachment across an update; leaving it out removes it',
    async () => {
      const db = ctx.open();
      const one = await db.put({ _id: 'a', _attachments: helloAttachment });
      const stubbed = await db.get('a');
      const two = await db.put({ ...stubbed, v: 2 });
      const kept = await db.get('a');
      expect(kept._attachments?.['hello.txt']).toMatchObject({
        digest: HELLO_DIGEST,
        revpos: 1,
        stub: true,
      });
      expect(revPos(two.rev)).toBe(2);
      await db.put({ _id: 'a', _rev: two.rev, v: 3 });
      expect((await db.get('a'))._attachments).toBeUndefined();
      expect(one.ok).toBe(true);
    },
    'attachments',
  );

  test(
    'a stub that matches no stored attachment is 412 missing_stub',
    async () => {
      const db = ctx.open();
      const stub = {
        'x.txt': { stub: true, digest: 'md5-AAAAAAAAAAAAAAAAAAAAAA==', content_type: 'text/plain' },
      };
      await expectError(db.put({ _id: 'a', _attachments: stub }), PouchErrors.MISSING_STUB);
    },
    'attachments',
  );

  test(
    'an attachment name starting with "_" is a 400',
    async () => {
      const db = ctx.open();
      await expectError(
        db.put({ _id: 'a', _attachments: { _bad: { content_type: 'text/plain', data: HELLO } } }),
        {
          status: 400,
          name: 'bad_request',
          reason: "_bad is not a valid attachment name, attachment names cannot start with '_'",
        },
      );
    },
    'attachments',
  );
}

function methods(test: TestFn, ctx: SuiteContext): void {
  test(
    'putAttachment creates the document, getAttachment reads the bytes',
    async () => {
      const db = ctx.open();
      const res = await api(db).putAttachment('doc', 'note.txt', HELLO, 'text/plain');
      expect(res).toMatchObject({ ok: true, id: 'doc' });
      expect(await textOf(await api(db).getAttachment('doc', 'note.txt'))).toBe('hello');
    },
    'attachments',
  );

  test(
    'bytes a reader gets are its own: writing to them changes nothing stored',
    async () => {
      const db = ctx.open();
      await api(db).putAttachment('doc', 'a.txt', HELLO, 'text/plain');
      const readers: (() => Promise<unknown>)[] = [
        () => api(db).getAttachment('doc', 'a.txt'),
        async () => {
          const doc = await db.get('doc', { attachments: true, binary: true });
          return (doc._attachments as Record<string, { data: unknown }>)['a.txt']?.data;
        },
      ];
      for (const read of readers) {
        const data = await read();
        // Blobs (browsers) cannot be written to; Buffers and Uint8Arrays can.
        if (data instanceof Uint8Array) data.fill(0x58);
        expect(await textOf(await api(db).getAttachment('doc', 'a.txt'))).toBe('hello');
        const doc = await db.get('doc', { attachments: true });
        expect(doc._attachments?.['a.txt']).toMatchObject({ data: HELLO });
      }
    },
    'attachments',
  );

  test(
    'putAttachment on an existing document needs its current rev',
    async () => {
      const db = ctx.open();
      const one = await db.put({ _id: 'doc', v: 1 });
      await expectError(
        api(db).putAttachment('doc', 'n.txt', '1-wrong', HELLO, 'text/plain'),
        PouchErrors.REV_CONFLICT,
      );
      const two = await api(db).putAttachment('doc', 'n.txt', one.rev, HELLO, 'text/plain');
      expect(revPos(two.rev)).toBe(2);
      const doc = await db.get('doc');
      expect(doc.v).toBe(1);
      expect(doc._attachments?.['n.txt']).toMatchObject({
        revpos: 2,
        digest: HELLO_DIGEST,
        stub: true,
      });
    },
    'attachments',
  );

  test(
    'removeAttachment drops one attachment',
    async () => {
      const db = ctx.open();
      const one = await db.put({
        _id: 'doc',
        _attachments: { ...helloAttachment, 'b.txt': { content_type: 'text/plain', data: HELLO } },
      });
      await api(db).removeAttachment('doc', 'hello.txt', one.rev);
      expect(Object.keys((await db.get('doc'))._attachments ?? {})).toEqual(['b.txt']);
    },
    'attachments',
  );

  test(
    'getAttachment of a missing attachment or document is 404',
    async () => {
      const db = ctx.open();
      await db.put({ _id: 'doc' });
      await expectError(api(db).getAttachment('doc', 'none.txt'), PouchErrors.MISSING_DOC);
      await expectError(api(db).getAttachment('ghost', 'none.txt'), PouchErrors.MISSING_DOC);
    },
    'attachments',
  );

  test(
    'a deletion drops the attachments of the tombstone',
    async () => {
      const db = ctx.open();
      const one = await db.put({ _id: 'doc', _attachments: helloAttachment });
      const del = await db.put({
        _id: 'doc',
        _rev: one.rev,
        _deleted: true,
        _attachments: helloAttachment,
      });
      expect(await db.get('doc', { rev: del.rev })).toEqual({
        _id: 'doc',
        _rev: del.rev,
        _deleted: true,
      });
    },
    'attachments',
  );
}
