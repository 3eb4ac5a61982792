/**
 * What both MD5 files use: Node's native hash when running on Node, and binary strings as
 * bytes. Internal (not exported by the package).
 */

/** The part of Node's crypto module used here. */
export interface NodeCrypto {
  createHash(algorithm: 'md5'): NodeHash;
  /** One-shot digest of UTF-8 text (Node 20.12+); cheaper than createHash for short input. */
  hash?(algorithm: 'md5', data: string, outputEncoding: 'hex'): string;
}

/** A hash being fed (Node's `Hash`): `update` returns it. */
export interface NodeHash {
  update(data: string | Uint8Array, encoding?: 'latin1'): NodeHash;
  digest(encoding: 'hex' | 'base64'): string;
}

/**
 * Node's native MD5 when running on Node (several times faster than JavaScript on large input),
 * found without importing `node:crypto`, so browser bundles stay free of Node modules.
 */
export const nodeCrypto = (
  globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }
).process?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;

/** Encodes `count` characters of a binary string from `start` as bytes (low byte of each). */
export function binaryStringBytes(
  s: string,
  start: number,
  count: number,
): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(count);
  for (let i = 0; i < count; i++) bytes[i] = s.charCodeAt(start + i) & 0xff;
  return bytes;
}
