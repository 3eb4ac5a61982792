import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import SparkMD5 from 'spark-md5';
import { describe, expect, it, vi } from 'vitest';
import { binaryMd5, Md5Stream } from '../src/binary-md5.js';
import { stringMd5 } from '../src/md5.js';
import { stringMd5Joined } from '../src/md5-joined.js';

/** PouchDB 9's own md5 helpers (pouchdb-md5, Node build). */
const pouchMd5 = (() => {
  const here = createRequire(import.meta.url);
  const memory = createRequire(here.resolve('pouchdb-adapter-memory'));
  const core = createRequire(memory.resolve('pouchdb-adapter-leveldb-core'));
  return core('pouchdb-md5') as {
    stringMd5: (s: string) => string;
    binaryMd5: (data: Uint8Array, cb: (b64: string) => void) => void;
  };
})();

function pouchBinaryMd5(data: Uint8Array): Promise<string> {
  return new Promise((resolve) => pouchMd5.binaryMd5(data, resolve));
}

const nodeMd5 = (data: Uint8Array | string, encoding: 'hex' | 'base64') =>
  typeof data === 'string'
    ? createHash('md5').update(data, 'latin1').digest(encoding)
    : createHash('md5').update(data).digest(encoding);

/** Any UTF-16 code unit, lone surrogates included, or any astral character. */
const anyUnit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);

describe('stringMd5', () => {
  it('gives the known MD5 of ASCII text', () => {
    expect(stringMd5('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(stringMd5('abc')).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(stringMd5('{"_id":"a"}')).toBe(SparkMD5.hash('{"_id":"a"}'));
  });

  it("hashes one byte per code unit (its low 8 bits), like PouchDB's Node build", () => {
    expect(stringMd5('é')).toBe(nodeMd5(Uint8Array.of(0xe9), 'hex'));
    expect(stringMd5('€')).toBe(nodeMd5(Uint8Array.of(0xac), 'hex'));
    expect(stringMd5('😀')).toBe(nodeMd5(Uint8Array.of(0x3d, 0x00), 'hex'));
    expect(stringMd5('é€😀\ud800')).toBe(pouchMd5.stringMd5('é€😀\ud800'));
    // PouchDB's browser build hashes UTF-8 instead: the two builds disagree on non-latin1 text.
    expect(stringMd5('é')).not.toBe(SparkMD5.hash('é'));
  });

  it('agrees with PouchDB and node:crypto latin1 on random strings (fast-check)', () => {
    fc.assert(
      fc.property(fc.string({ unit: anyUnit, maxLength: 300 }), (s) => {
        const expected = pouchMd5.stringMd5(s);
        expect(stringMd5(s)).toBe(expected);
        expect(nodeMd5(s, 'hex')).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with spark-md5 on ASCII (where latin1 and UTF-8 coincide)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 500 }), (s) => {
        expect(stringMd5(s)).toBe(SparkMD5.hash(s));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('stringMd5 of text longer than one hashing slice (1 MiB)', () => {
  // Base64-like text with a non-ASCII unit and a lone surrogate either side of a slice edge.
  const long = `${'QUJD'.repeat(262_143)}é\ud800${'x'.repeat(300_001)}€`;

  it('gives the digest of the whole text, on Node and without node:crypto', async () => {
    const expected = pouchMd5.stringMd5(long);
    expect(stringMd5(long)).toBe(expected);
    expect(stringMd5Joined(long, ',"_id":"a"}')).toBe(pouchMd5.stringMd5(`${long},"_id":"a"}`));
    const real = process.getBuiltinModule;
    vi.resetModules();
    (process as { getBuiltinModule?: unknown }).getBuiltinModule = undefined;
    try {
      const fallback = await import('../src/md5.js');
      expect(fallback.stringMd5(long)).toBe(expected);
    } finally {
      process.getBuiltinModule = real;
      vi.resetModules();
    }
  });
});

describe('stringMd5Joined', () => {
  it('is the stringMd5 of the joined string, for short and long heads (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: anyUnit, maxLength: 100 }),
        fc.string({ unit: anyUnit, maxLength: 100 }),
        fc.nat(6000),
        (head, tail, pad) => {
          const long = head + 'x'.repeat(pad);
          expect(stringMd5Joined(long, tail)).toBe(pouchMd5.stringMd5(long + tail));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('binaryMd5', () => {
  it('gives base64 digests as PouchDB does for attachments', async () => {
    expect(await binaryMd5(new Uint8Array(0))).toBe('1B2M2Y8AsgTpgAmY7PhCfg==');
    const bytes = new TextEncoder().encode('Is there life on Mars?');
    expect(await binaryMd5(bytes)).toBe(await pouchBinaryMd5(bytes));
    expect(await binaryMd5(Buffer.from(bytes))).toBe(nodeMd5(bytes, 'base64'));
  });

  it('accepts ArrayBuffer, views into a larger buffer, Blob and binary strings', async () => {
    const whole = new Uint8Array(100_000).map((_, i) => (i * 7) & 0xff);
    const view = whole.subarray(1234, 98_765);
    const expected = nodeMd5(view, 'base64');
    expect(await binaryMd5(view)).toBe(expected);
    expect(await binaryMd5(view.slice().buffer)).toBe(expected);
    expect(await binaryMd5(new DataView(whole.buffer, 1234, view.length))).toBe(expected);
    expect(await binaryMd5(new Blob([view]))).toBe(expected);
    expect(await binaryMd5(Buffer.from(view).toString('latin1'))).toBe(expected);
  });

  it('agrees with PouchDB and node:crypto on random bytes (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 5000 }), async (bytes) => {
        const expected = nodeMd5(bytes, 'base64');
        expect(await binaryMd5(bytes)).toBe(expected);
        expect(await pouchBinaryMd5(bytes)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('hashes multi-megabyte input correctly and yields to the event loop meanwhile', async () => {
    const big = new Uint8Array(8 * 1024 * 1024 + 13).map((_, i) => (i * 31 + (i >> 9)) & 0xff);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const digest = await binaryMd5(big);
    clearInterval(timer);
    expect(digest).toBe(nodeMd5(big, 'base64'));
    expect(ticks).toBeGreaterThan(0);
    expect(await binaryMd5(new Blob([big]))).toBe(digest);
  });

  it('returns without a macrotask for small input', async () => {
    let timerRan = false;
    const timer = setTimeout(() => {
      timerRan = true;
    }, 0);
    await binaryMd5(new Uint8Array(1000));
    expect(timerRan).toBe(false);
    clearTimeout(timer);
  });
});

describe('Md5Stream', () => {
  it('gives the same digest however the input is chunked (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 20 }), (chunks) => {
        const md5 = new Md5Stream();
        for (const chunk of chunks) md5.append(chunk);
        expect(md5.end()).toBe(nodeMd5(Buffer.concat(chunks), 'base64'));
      }),
      { numRuns: 2000 },
    );
  });

  it('takes chunks larger than its internal piece size and mixed input kinds', () => {
    const big = new Uint8Array(200_000).map((_, i) => i & 0xff);
    const md5 = new Md5Stream()
      .append(big.subarray(0, 70_001))
      .append(big.subarray(70_001).slice().buffer);
    expect(md5.end()).toBe(nodeMd5(big, 'base64'));
    const text = new Md5Stream().append('ab').append(Uint8Array.of(0x63)).end();
    expect(text).toBe(nodeMd5('abc', 'base64'));
  });

  it('refuses use after end', () => {
    const md5 = new Md5Stream();
    md5.end();
    expect(() => md5.append('x')).toThrow(/already ended/);
    expect(() => md5.end()).toThrow(/already ended/);
  });
});

describe('createStringMd5', () => {
  const pieces = ['{"data":[', new Uint8Array([49, 44, 50, 53, 53]), ',', 'é\u0100', ']}'];
  const whole = '{"data":[1,255,é\u0100]}';

  it('hashes string and byte pieces as stringMd5 hashes the whole text', async () => {
    const { createStringMd5 } = await import('../src/md5.js');
    const md5 = createStringMd5();
    for (const piece of pieces) md5.update(piece);
    expect(md5.hex()).toBe(stringMd5(whole));
  });

  it('gives the same digest without node:crypto (the browser path)', async () => {
    const real = process.getBuiltinModule;
    vi.resetModules();
    (process as { getBuiltinModule?: unknown }).getBuiltinModule = undefined;
    try {
      const fallback = await import('../src/md5.js');
      const md5 = fallback.createStringMd5();
      for (const piece of pieces) md5.update(piece);
      expect(md5.hex()).toBe(stringMd5(whole));
      expect(fallback.stringMd5(whole)).toBe(stringMd5(whole));
    } finally {
      process.getBuiltinModule = real;
      vi.resetModules();
    }
  });
});
