// Runs in Chromium, which has Uint8Array's own base64 methods: core decodes and encodes
// attachment text with them where present, atob and btoa otherwise. Both must take exactly
// what PouchDB takes on Node: text that re-encoding its bytes gives back.
import { decodeBase64Strict, encodeBase64 } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import Satchel from '../../src/index.js';

const Arrays = Uint8Array as { fromBase64?: unknown };
const Proto = Uint8Array.prototype as { toBase64?: unknown };

/** Runs `body` with Uint8Array's base64 methods hidden, as in older browsers. */
function withoutNative<T>(body: () => T): T {
  const from = Object.getOwnPropertyDescriptor(Arrays, 'fromBase64')!;
  const to = Object.getOwnPropertyDescriptor(Proto, 'toBase64')!;
  delete Arrays.fromBase64;
  delete Proto.toBase64;
  try {
    return body();
  } finally {
    Object.defineProperty(Arrays, 'fromBase64', from);
    Object.defineProperty(Proto, 'toBase64', to);
  }
}

/** The reference: strict base64 is the text encoding its bytes gives back. */
function canonical(text: string): boolean {
  try {
    return btoa(atob(text)) === text;
  } catch {
    return false;
  }
}

const accepts = (text: string): boolean => {
  try {
    decodeBase64Strict(text);
    return true;
  } catch {
    return false;
  }
};

/** Byte-wise equality (the shim's deep `toEqual` is far too slow on megabytes). */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function randomBytes(n: number): Uint8Array {
  const bytes = new Uint8Array(n);
  for (let at = 0; at < n; at += 65536) crypto.getRandomValues(bytes.subarray(at, at + 65536));
  return bytes;
}

describe('base64 in the browser', () => {
  it('has the native methods under test', () => {
    expect(typeof Arrays.fromBase64).toBe('function');
    expect(typeof Proto.toBase64).toBe('function');
  });

  it('accepts and refuses what the reference does, natively and without', () => {
    const cases = [
      '',
      'QQ==',
      'QUI=',
      'QUJD',
      'QR==',
      'QUJ=',
      'QQ',
      'QQ=',
      'QQ==QUJD',
      'QUJD====',
      ' QUJD',
      'QUJD\n',
      'QU JD',
      'Q-==',
      'Q_==',
      'QUJ-',
      '!!!!',
      'QUJDRA==',
      'QUJDRA',
      '====',
      'QUJDREVG',
      'QUJD\u00e9',
      '\u0000QUJ',
    ];
    for (let i = 0; i < 300; i++) {
      const alphabet = 'AQgw+/=- \n';
      let t = '';
      for (let k = Math.floor(Math.random() * 13); k > 0; k--)
        t += alphabet[Math.floor(Math.random() * alphabet.length)];
      cases.push(t);
    }
    for (const text of cases) {
      expect([text, accepts(text)]).toEqual([text, canonical(text)]);
      expect([text, withoutNative(() => accepts(text))]).toEqual([text, canonical(text)]);
    }
  });

  it('round-trips bytes of every length mod 3, natively and without', () => {
    for (const n of [0, 1, 2, 3, 1000, 100_001, 1024 * 1024 + 1]) {
      const bytes = randomBytes(n);
      const text = encodeBase64(bytes);
      expect(withoutNative(() => encodeBase64(bytes))).toBe(text);
      expect(sameBytes(decodeBase64Strict(text), bytes)).toBe(true);
      expect(
        sameBytes(
          withoutNative(() => decodeBase64Strict(text)),
          bytes,
        ),
      ).toBe(true);
    }
  });

  it('stores a 3 MB base64 attachment and gives it back, as text and as a Blob', async () => {
    const bytes = randomBytes(3 * 1024 * 1024);
    const data = encodeBase64(bytes);
    const db = new Satchel(`base64-${Date.now()}`);
    try {
      await db.put({ _id: 'a', _attachments: { f: { content_type: 'x/y', data } } });
      const doc = await db.get('a', { attachments: true });
      expect((doc._attachments!.f as { data: string }).data).toBe(data);
      const blob = (await db.getAttachment('a', 'f')) as Blob;
      expect(sameBytes(new Uint8Array(await blob.arrayBuffer()), bytes)).toBe(true);
      await expect(
        db.put({ _id: 'b', _attachments: { f: { content_type: 'x/y', data: `${data} ` } } }),
      ).rejects.toMatchObject({
        name: 'badarg',
        reason: 'Attachment is not a valid base64 string',
      });
    } finally {
      await db.destroy();
    }
  });
});
