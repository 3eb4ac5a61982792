// PouchDB's attachment workloads (tests/performance/perf.attachments.js): many puts of one
// random 50 KB blob under new docs, reading them back, and reading a doc with 100 such
// attachments inline, as base64 and as binary. Random bytes, so neither compression nor
// dedup by digest makes them cheap.
import { randomBytes } from 'node:crypto';

const TYPE = 'application/octet-stream';
const attId = (i) => `att-${String(i).padStart(6, '0')}`;
const kb = (s) => Math.round(s.attachmentBytes / 1000);

export const attachmentsPut = {
  name: 'attachments-put',
  label: (s) => `${s.attachments} x putAttachment of ${kb(s)} KB (new docs)`,
  fresh: true,
  prepare: (s) => ({ blob: randomBytes(s.attachmentBytes), count: s.attachments }),
  api: async (db, { blob, count }) => {
    for (let i = 0; i < count; i++) await db.putAttachment(attId(i), 'foo.txt', blob, TYPE);
    return count;
  },
  floor: async (floor, { blob, count }) => {
    for (let i = 0; i < count; i++) await floor.putAttachment(attId(i), 'foo.txt', blob, TYPE);
    return count;
  },
};

export const attachmentsGet = {
  name: 'attachments-get',
  label: (s) => `${s.attachments} x getAttachment of ${kb(s)} KB`,
  fresh: false,
  // Different bytes per doc, so every read finds its own blob.
  prepare: (s) => ({
    blobs: Array.from({ length: s.attachments }, () => randomBytes(s.attachmentBytes)),
  }),
  setup: {
    api: async (db, { blobs }) => {
      for (let i = 0; i < blobs.length; i++)
        await db.putAttachment(attId(i), 'foo.txt', blobs[i], TYPE);
    },
    floor: async (floor, { blobs }) => {
      for (let i = 0; i < blobs.length; i++) {
        await floor.putAttachment(attId(i), 'foo.txt', blobs[i], TYPE);
      }
    },
  },
  api: async (db, { blobs }) => {
    let bytes = 0;
    for (let i = 0; i < blobs.length; i++) {
      bytes += (await db.getAttachment(attId(i), 'foo.txt')).length;
    }
    return bytes;
  },
  floor: async (floor, { blobs }) => {
    let bytes = 0;
    for (let i = 0; i < blobs.length; i++) {
      bytes += (await floor.getAttachment(attId(i), 'foo.txt')).length;
    }
    return bytes;
  },
};

const attName = (i) => `att-${i}`;

/** Untimed: `doc1` with `inlineAttachments` attachments of random bytes. */
const manyAttachments = {
  api: async (db, { blobs }) => {
    const _attachments = {};
    blobs.forEach((data, i) => {
      _attachments[attName(i)] = { content_type: TYPE, data };
    });
    await db.put({ _id: 'doc1', _attachments });
  },
  floor: async (floor, { blobs }) => {
    for (let i = 0; i < blobs.length; i++) {
      await floor.putAttachment('doc1', attName(i), blobs[i], TYPE);
    }
  },
};

function inline(name, binary) {
  return {
    name,
    label: (s) =>
      `${s.inlineRounds} x get of a doc with ${s.inlineAttachments} x ${kb(s)} KB ` +
      `attachments inline${binary ? ' (binary)' : ' (base64)'}`,
    fresh: false,
    prepare: (s) => ({
      blobs: Array.from({ length: s.inlineAttachments }, () => randomBytes(s.attachmentBytes)),
      rounds: s.inlineRounds,
    }),
    setup: manyAttachments,
    api: async (db, { rounds }) => {
      let n = 0;
      for (let r = 0; r < rounds; r++) {
        const doc = await db.get('doc1', { attachments: true, binary });
        for (const att of Object.values(doc._attachments)) if (att.data) n++;
      }
      return n;
    },
    // The floor reads the doc and every blob, and returns the doc with every attachment's data
    // in it, as an inline read must: all of a doc's base64 strings are alive together when the
    // caller gets it. (Dropping each string once encoded, as an earlier floor did, skips most
    // of the memory work: about 10x less GC here, not something any `get` can do.)
    floor: async (floor, { blobs, rounds }) => {
      let n = 0;
      for (let r = 0; r < rounds; r++) {
        const doc = await floorInlineGet(floor, 'doc1', binary);
        for (const att of Object.values(doc._attachments)) if (att.data.length > 0) n++;
      }
      if (blobs.length * rounds !== n) throw new Error('floor: attachments missing');
      return n;
    },
  };
}

/** The floor's `get(id, {attachments: true, binary})`: the doc with its attachments' data. */
async function floorInlineGet(floor, id, binary) {
  const doc = await floor.get(id);
  for (const [name, att] of Object.entries(doc._attachments)) {
    const bytes = await floor.getAttachment(id, name);
    att.data = binary
      ? bytes
      : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64');
    delete att.stub;
    delete att.length;
  }
  return doc;
}

export const attachmentWorkloads = [
  attachmentsPut,
  attachmentsGet,
  inline('attachments-get-inline', false),
  inline('attachments-get-inline-binary', true),
];
