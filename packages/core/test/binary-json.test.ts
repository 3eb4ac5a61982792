import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { writeBufferJson } from '../src/binary-json.js';

const PIECE = 64 * 1024;

function pieces(buffer: Buffer): string[] {
  const parts: string[] = [];
  writeBufferJson(buffer, (part) =>
    parts.push(typeof part === 'string' ? part : Buffer.from(part).toString('latin1')),
  );
  return parts;
}

describe('writeBufferJson', () => {
  it.each([0, 1, 2, PIECE - 1, PIECE, PIECE + 1, 3 * PIECE + 5])(
    'writes exactly JSON.stringify of a %i-byte Buffer',
    (size) => {
      const buffer = randomBytes(size);
      expect(pieces(buffer).join('')).toBe(JSON.stringify(buffer));
    },
  );

  it('writes every byte value as its decimal number', () => {
    const buffer = Buffer.from(Array.from({ length: 256 }, (_, i) => 255 - i));
    expect(pieces(buffer).join('')).toBe(JSON.stringify(buffer));
  });

  it('never writes one piece much larger than its share of the buffer', () => {
    const parts = pieces(randomBytes(4 * PIECE));
    expect(parts.length).toBe(6);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(PIECE * 4 + 1);
  });
});
