/**
 * MD5 (RFC 1321) over bytes, incremental, in a few lines: the browser's only MD5 (Web Crypto has
 * none), replacing spark-md5, whose string and ArrayBuffer variants cost browser bundles ~3 KB
 * gzipped. On Node, `md5.ts` uses the native hash instead.
 */

/** Left rotations: four per round, each used four times in a row of sixteen steps. */
const SHIFTS = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];

/** The sine table: `floor(abs(sin(i + 1)) * 2^32)` (exact in IEEE doubles for all 64). */
const K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0);

/** An MD5 being computed: feed bytes with `update`, then take the 16-byte `digest`. */
export class Md5Bytes {
  readonly #state = Int32Array.of(0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476);
  readonly #block = new Uint8Array(64);
  readonly #words = new Int32Array(16);
  #buffered = 0;
  #length = 0;

  update(bytes: Uint8Array): this {
    this.#length += bytes.length;
    let at = 0;
    if (this.#buffered > 0) {
      at = Math.min(64 - this.#buffered, bytes.length);
      this.#block.set(bytes.subarray(0, at), this.#buffered);
      this.#buffered += at;
      if (this.#buffered < 64) return this;
      this.#compress(this.#block, 0);
      this.#buffered = 0;
    }
    for (; at + 64 <= bytes.length; at += 64) this.#compress(bytes, at);
    this.#block.set(bytes.subarray(at));
    this.#buffered = bytes.length - at;
    return this;
  }

  /** The digest; the hash is not used afterwards. */
  digest(): Uint8Array {
    const bits = this.#length * 8;
    const tail = new Uint8Array((this.#buffered < 56 ? 64 : 128) - this.#buffered);
    tail[0] = 0x80;
    const view = new DataView(tail.buffer);
    view.setUint32(tail.length - 8, bits >>> 0, true);
    view.setUint32(tail.length - 4, Math.floor(bits / 2 ** 32), true);
    this.update(tail);
    const out = new DataView(new ArrayBuffer(16));
    for (let i = 0; i < 4; i++) out.setInt32(i * 4, this.#state[i]!, true);
    return new Uint8Array(out.buffer);
  }

  #compress(bytes: Uint8Array, offset: number): void {
    const w = this.#words;
    for (let i = 0; i < 16; i++) {
      const o = offset + i * 4;
      w[i] = bytes[o]! | (bytes[o + 1]! << 8) | (bytes[o + 2]! << 16) | (bytes[o + 3]! << 24);
    }
    const s = this.#state;
    let [a, b, c, d] = s as unknown as [number, number, number, number];
    for (let i = 0; i < 64; i++) {
      let f: number;
      let g: number;
      if (i < 16) {
        f = (b & c) | (~b & d);
        g = i;
      } else if (i < 32) {
        f = (d & b) | (~d & c);
        g = (5 * i + 1) & 15;
      } else if (i < 48) {
        f = b ^ c ^ d;
        g = (3 * i + 5) & 15;
      } else {
        f = c ^ (b | ~d);
        g = (7 * i) & 15;
      }
      const x = (a + f + K[i]! + w[g]!) | 0;
      const r = SHIFTS[((i >> 4) << 2) | (i & 3)]!;
      a = d;
      d = c;
      c = b;
      b = (b + ((x << r) | (x >>> (32 - r)))) | 0;
    }
    s[0] = (s[0]! + a) | 0;
    s[1] = (s[1]! + b) | 0;
    s[2] = (s[2]! + c) | 0;
    s[3] = (s[3]! + d) | 0;
  }
}
