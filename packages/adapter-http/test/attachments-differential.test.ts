import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CouchServer, dbUrl, PouchDB, S, useCouchServer } from './setup-server.js';

// One server for the file: two express-pouchdb servers in one process interfere.
let server: CouchServer;
beforeAll(async () => {
  server = await useCouchServer();
});
afterAll(() => server.stop());

/** The attachment calls both databases answer (Satchel's and pouchdb@9's http adapters). */
interface AttachmentDb {
  putAttachment(...args: unknown[]): Promise<{ rev: string }>;
  removeAttachment(id: string, name: string, rev: string): Promise<unknown>;
  put(doc: object): Promise<{ rev: string }>;
  remove(id: string, rev: string): Promise<unknown>;
  get(id: string, opts?: object): Promise<unknown>;
  getAttachment(id: string, name: string, opts?: object): Promise<unknown>;
  allDocs(opts: object): Promise<unknown>;
  changes(opts: object): PromiseLike<unknown>;
  bulkGet(req: object): Promise<unknown>;
}

type Outcome = { ok: unknown } | { error: Record<string, unknown> };

/** Buffers as their bytes and `type`, errors as PouchDB's public fields: comparable as JSON. */
function normalize(value: unknown): unknown {
  if (Buffer.isBuffer(value)) {
    return { bytes: value.toString('base64'), type: (value as { type?: string }).type };
  }
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalize(v)]));
  }
  return value;
}

async function outcome(fn: () => PromiseLike<unknown>): Promise<Outcome> {
  try {
    return { ok: normalize(await fn()) };
  } catch (err) {
    const { status, name, message, reason, error } = err as Record<string, unknown>;
    return { error: { status, name, message, reason, error } };
  }
}

const png = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 255, 0, 128]);
const ID = 'doc é/1+2';

/**
 * The same attachment operations, in order, with every result or error recorded. Revisions
 * come from each database's own answers (the server computes PouchDB's deterministic revs).
 */
async function script(db: AttachmentDb): Promise<Record<string, Outcome>> {
  const out: Record<string, Outcome> = {};
  const step = async (label: string, fn: () => PromiseLike<unknown>): Promise<string> => {
    out[label] = await outcome(fn);
    return ((out[label] as { ok?: { rev?: string } }).ok?.rev ?? '') as string;
  };
  const rev1 = await step('create with base64', () =>
    db.putAttachment(ID, 'a/b c.txt', 'aGVsbG8gd29ybGQ=', 'text/plain'),
  );
  const rev2 = await step('add a Buffer', () =>
    db.putAttachment(ID, 'img.png', rev1, png, 'image/png'),
  );
  await step('stale rev', () => db.putAttachment(ID, 'late.txt', rev1, 'aGk=', 'text/plain'));
  await step('no rev on an existing doc', () =>
    db.putAttachment(ID, 'late.txt', 'aGk=', 'text/plain'),
  );
  await step('invalid base64', () =>
    db.putAttachment(ID, 'bad.txt', rev2, 'not base64!', 'text/plain'),
  );
  await step('a Uint8Array', () =>
    db.putAttachment('u8', 'u.bin', new Uint8Array([9, 8, 7]), 'application/octet-stream'),
  );
  await step('empty data', () => db.putAttachment('empty', 'e.txt', '', 'text/plain'));
  await step('a design doc', () => db.putAttachment('_design/d', 'x/y.png', png, 'image/png'));
  await step('stubs', () => db.get(ID));
  await step('inline base64', () => db.get(ID, { attachments: true, revs: true }));
  await step('inline binary', () => db.get(ID, { attachments: true, binary: true }));
  await step('an older revision', () => db.get(ID, { rev: rev1, attachments: true }));
  await step('open_revs', () => db.get(ID, { open_revs: 'all', attachments: true }));
  await step('open_revs binary', () =>
    db.get(ID, { open_revs: [rev2], attachments: true, binary: true }),
  );
  await step('design doc inline', () => db.get('_design/d', { attachments: true }));
  await step('missing doc inline', () => db.get('nope', { attachments: true }));
  await step('getAttachment', () => db.getAttachment(ID, 'a/b c.txt'));
  await step('getAttachment of a revision', () => db.getAttachment(ID, 'img.png', { rev: rev2 }));
  await step('remove with a stale rev', () => db.removeAttachment(ID, 'img.png', rev1));
  await step('remove from a missing doc', () => db.removeAttachment('nope', 'x', '1-abc'));
  const rev3 = await step('remove', () => db.removeAttachment(ID, 'img.png', rev2));
  await step('after remove', () => db.get(ID, { attachments: true }));
  await step('remove the last', () => db.removeAttachment(ID, 'a/b c.txt', rev3));
  const gone = await db.put({ _id: 'gone' });
  await db.remove('gone', gone.rev);
  await step('onto a deleted doc', () => db.putAttachment('gone', 'g.txt', 'aGk=', 'text/plain'));
  const all = { include_docs: true, attachments: true, binary: true };
  await step('allDocs', () => db.allDocs(all));
  await step('changes', () => db.changes({ include_docs: true, attachments: true }));
  await step('bulkGet', () =>
    db.bulkGet({ docs: [{ id: 'u8' }, { id: 'empty' }], attachments: true, revs: true }),
  );
  return out;
}

describe('http adapter: attachments, differential against pouchdb@9', () => {
  it('every attachment call answers what pouchdb@9 answers, errors included', async () => {
    const db = new S(dbUrl(server));
    const pouch = new PouchDB(dbUrl(server));
    const ours = await script(db as unknown as AttachmentDb);
    const theirs = await script(pouch as unknown as AttachmentDb);
    expect(ours).toEqual(theirs);
    // What the script covers, so that agreeing is not agreeing on nothing.
    expect(theirs['stale rev']).toMatchObject({ error: { status: 409, name: 'conflict' } });
    expect(theirs['remove with a stale rev']).toMatchObject({ error: { status: 409 } });
    expect(theirs['remove from a missing doc']).toMatchObject({ error: { status: 404 } });
    expect(theirs['missing doc inline']).toMatchObject({ error: { status: 404 } });
    expect(theirs['onto a deleted doc']).toMatchObject({ error: { status: 404 } });
    expect(theirs.stubs).toMatchObject({
      ok: {
        _attachments: {
          'img.png': { stub: true, length: png.length, digest: expect.stringMatching(/^md5-/) },
        },
      },
    });
    expect(theirs['invalid base64']).toEqual({
      error: {
        status: 500,
        name: 'badarg',
        message: 'Some query argument is invalid',
        reason: 'Attachment is not a valid base64 string',
        error: true,
      },
    });
    expect(theirs['inline base64']).toMatchObject({
      ok: {
        _attachments: {
          'a/b c.txt': { content_type: 'text/plain', revpos: 1, data: 'aGVsbG8gd29ybGQ=' },
          'img.png': { content_type: 'image/png', revpos: 2, data: png.toString('base64') },
        },
      },
    });
    expect(theirs['inline binary']).toMatchObject({
      ok: { _attachments: { 'img.png': { data: { bytes: png.toString('base64') } } } },
    });
    await db.destroy();
    await pouch.destroy();
  });

  it('a missing attachment is a 404 not_found (pouchdb@9 rejects with the raw Response)', async () => {
    const db = new S(dbUrl(server));
    await db.putAttachment('d', 'a.txt', 'aGk=', 'text/plain');
    await expect(db.getAttachment('d', 'nope.txt')).rejects.toMatchObject({
      status: 404,
      name: 'not_found',
    });
    await expect(db.getAttachment('missing', 'a.txt')).rejects.toMatchObject({ status: 404 });
    await db.destroy();
  });
});
