import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { attachmentBytes, isAttachmentData } from '../src/attachment-bytes.js';
import { toBytes } from '../src/base64.js';

describe('attachmentBytes', () => {
  it("takes a Node Buffer's JSON form as the bytes it stands for", async () => {
    const buffer = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const json = JSON.parse(JSON.stringify(buffer)) as unknown;
    expect(Buffer.from(await attachmentBytes(json)).equals(buffer)).toBe(true);
    expect(await attachmentBytes({ type: 'Buffer', data: [] })).toEqual(new Uint8Array(0));
  });

  it.each([
    ['a wrong type', { type: 'buffer', data: [1] }],
    ['a value above 255', { type: 'Buffer', data: [256] }],
    ['a negative value', { type: 'Buffer', data: [-1] }],
    ['a fraction', { type: 'Buffer', data: [1.5] }],
    ['a string in the data', { type: 'Buffer', data: ['1'] }],
    ['data that is not an array', { type: 'Buffer', data: 'AQ==' }],
    ['an extra key', { type: 'Buffer', data: [1], extra: true }],
    ['a plain object', { a: 1 }],
  ])('refuses an object with %s as badarg', async (_label, data) => {
    await expect(attachmentBytes(data)).rejects.toMatchObject({ status: 500, name: 'badarg' });
  });

  it('still decodes base64 strictly and takes binary as is', async () => {
    expect(Buffer.from(await attachmentBytes('aGk=')).toString()).toBe('hi');
    await expect(attachmentBytes('aGk')).rejects.toMatchObject({ name: 'badarg' });
    const bytes = new Uint8Array([1, 2, 3]);
    expect(await attachmentBytes(bytes)).toBe(bytes);
  });
});

describe("another realm's binary data", () => {
  // What Node's own APIs (fetch, fs, Blob) give code running in a vm context, as under Jest.
  const foreignBuffer = (): ArrayBuffer =>
    runInNewContext('new Uint8Array([104, 105]).buffer') as ArrayBuffer;

  it('takes an ArrayBuffer of another realm as its bytes', async () => {
    const buffer = foreignBuffer();
    expect(buffer instanceof ArrayBuffer).toBe(false);
    expect(isAttachmentData(buffer)).toBe(true);
    expect(Buffer.from(await attachmentBytes(buffer)).toString()).toBe('hi');
  });

  it('copies it, so the caller changing it later does not change what was stored', async () => {
    const buffer = foreignBuffer();
    const bytes = await toBytes(buffer);
    new Uint8Array(buffer)[0] = 0;
    expect(Buffer.from(bytes!).toString()).toBe('hi');
  });

  it('takes a Blob known only by its tag', async () => {
    const blob = new Blob(['hi']);
    const foreign = {
      [Symbol.toStringTag]: 'Blob',
      size: blob.size,
      type: '',
      arrayBuffer: () => blob.arrayBuffer(),
    };
    expect(isAttachmentData(foreign)).toBe(true);
    expect(Buffer.from(await attachmentBytes(foreign)).toString()).toBe('hi');
  });

  it('refuses what only pretends to be an ArrayBuffer, or shares its memory', async () => {
    const forged = { [Symbol.toStringTag]: 'ArrayBuffer', byteLength: 2 };
    for (const data of [forged, new SharedArrayBuffer(2)]) {
      expect(isAttachmentData(data)).toBe(false);
      await expect(attachmentBytes(data)).rejects.toMatchObject({ status: 500, name: 'badarg' });
    }
  });
});
