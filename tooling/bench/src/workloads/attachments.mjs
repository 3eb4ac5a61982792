// Binary attachments: the bytes path (base64, digests, blob storage), not the JSON one.
import { randomBytes } from 'node:crypto';

const TYPE = 'application/octet-stream';
const attId = (i) => `att-${String(i).padStart(4, '0')}`;

/** Random, so neither LevelDB's compression nor any dedup by digest makes them cheap. */
function blobs(s) {
  return Array.from({ length: s.attachments }, () => randomBytes(s.attachmentBytes));
}

const kb = (s) => Math.round(s.attachmentBytes / 1024);

export const attachmentsPut = {
  name: 'attachments-put',
  label: (s) => `${s.attachments} x putAttachment of ${kb(s)} KB (new docs)`,
  fresh: true,
  prepare: blobs,
  api: async (db, data) => {
    for (let i = 0; i < data.length; i++) await db.putAttachment(attId(i), 'blob', data[i], TYPE);
    return data.length;
  },
  floor: async (floor, data) => {
    for (let i = 0; i < data.length; i++)
      await floor.putAttachment(attId(i), 'blob', data[i], TYPE);
    return data.length;
  },
};

export const attachmentsGet = {
  name: 'attachments-get',
  label: (s) => `${s.attachments} x getAttachment of ${kb(s)} KB`,
  fresh: false,
  prepare: blobs,
  // Untimed: the same puts as above, so there is something to read.
  setup: {
    api: (db, data) => attachmentsPut.api(db, data),
    floor: (floor, data) => attachmentsPut.floor(floor, data),
  },
  api: async (db, data) => {
    let bytes = 0;
    for (let i = 0; i < data.length; i++)
      bytes += (await db.getAttachment(attId(i), 'blob')).length;
    return bytes;
  },
  floor: async (floor, data) => {
    let bytes = 0;
    for (let i = 0; i < data.length; i++)
      bytes += (await floor.getAttachment(attId(i), 'blob')).length;
    return bytes;
  },
};
