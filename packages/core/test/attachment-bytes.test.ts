import { describe, expect, it } from 'vitest';
import { attachmentBytes } from '../src/attachment-bytes.js';

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
